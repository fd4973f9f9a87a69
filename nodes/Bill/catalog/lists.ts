/**
 * Long enumerations BILL accepts, offered through one load-options method each instead of inline
 * in every field that uses them: the node's description (which every n8n editor loads) keeps one
 * copy of each, here. A field names its list with `optionList`; values are still checked before sending.
 */

/** Every currency BILL accepts as a bill, invoice or payment currency (BILL's enum, from its API reference). */
const CURRENCIES = (
	'AED,AFN,ALL,AMD,ANG,AOA,ARS,AUD,AWG,AZN,BAM,BBD,BDT,BGN,BHD,BIF,BMD,BND,BOB,BRL,BSD,BTN,BWP,BYN,BZD,CAD,CDF,CHF,' +
	'CLP,CNY,COP,CRC,CUC,CUP,CVE,CZK,DJF,DKK,DOP,DZD,EGP,ERN,ETB,EUR,FJD,FKP,GBP,GEL,GGP,GHS,GIP,GMD,GNF,GTQ,GYD,HKD,' +
	'HNL,HRK,HTG,HUF,IDR,ILS,IMP,INR,IQD,IRR,ISK,JEP,JMD,JOD,JPY,KES,KGS,KHR,KMF,KPW,KRW,KWD,KYD,KZT,LAK,LBP,LKR,LRD,' +
	'LSL,LYD,MAD,MDL,MGA,MKD,MMK,MNT,MOP,MRU,MUR,MVR,MWK,MXN,MYR,MZN,NAD,NGN,NIO,NOK,NPR,NZD,OMR,PAB,PEN,PGK,PHP,PKR,' +
	'PLN,PYG,QAR,RON,RSD,RUB,RWF,SAR,SBD,SCR,SDG,SEK,SGD,SHP,SLE,SLL,SOS,SPL,SRD,STN,SVC,SYP,SZL,THB,TJS,TMT,TND,TOP,' +
	'TRY,TTD,TVD,TWD,TZS,UAH,UGX,USD,UYU,UZS,VEF,VND,VUV,WST,XAF,XCD,XDR,XOF,XPF,YER,ZAR,ZMW,ZWD'
).split(',');

export const OPTION_LISTS = {
	getCurrencies: { what: 'currency code', values: CURRENCIES },
} as const;

export type OptionListMethod = keyof typeof OPTION_LISTS;

/** The values a field accepts: its own options, or those of its shared list. */
export function allowedValues(field: { options?: Array<string | { value: string }>; optionList?: OptionListMethod }): string[] {
	if (field.optionList) return [...OPTION_LISTS[field.optionList].values];
	return (field.options ?? []).map((o) => (typeof o === 'string' ? o : o.value));
}
