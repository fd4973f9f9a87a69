/**
 * A small OpenAI-compatible chat model for the AI Agent end-to-end test: `POST /v1/chat/completions`
 * (the Chat Completions API, as n8n's OpenAI Chat Model calls it with "Use Responses API" off),
 * plain JSON or server-sent events when the request says `stream: true`.
 *
 * Its script: while the conversation has no tool result, it answers with one call of the tool the
 * request offers whose name matches `toolPattern` (arguments filled from the tool's JSON schema:
 * `toolArguments` first, then a number → 10, a boolean → false, anything else → "x"); once a tool
 * result is in the conversation, it answers with text quoting it. Every request body is kept in
 * `requests` for the test to read (what reached the model).
 *
 *   const model = new FakeOpenAi({ toolPattern: /vendor/i });
 *   const url = await model.start();    // http://127.0.0.1:<port>/v1 — the credential's base URL
 */
import http from 'http';
import type { AddressInfo } from 'net';

export interface ChatMessage {
	role: string;
	content?: unknown;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface ChatRequest {
	model?: string;
	stream?: boolean;
	messages: ChatMessage[];
	tools?: Array<{ type: string; function: { name: string; description?: string; parameters?: { properties?: Record<string, { type?: string }> } } }>;
}

export class FakeOpenAi {
	readonly requests: ChatRequest[] = [];
	/** Requests to paths other than /v1/chat/completions (e.g. the Responses API), answered 404. */
	readonly unexpected: string[] = [];
	private server?: http.Server;

	/**
	 * `calls`: the arguments of successive tool calls (the k-th call once k tool results are in the
	 * conversation; text once all are answered) — e.g. a wrong Limit, then a corrected one.
	 */
	constructor(private readonly options: { toolPattern: RegExp; toolArguments?: Record<string, unknown>; calls?: Array<Record<string, unknown>> }) {}

	async start(): Promise<string> {
		this.server = http.createServer((req, res) => {
			let body = '';
			req.on('data', (chunk: Buffer) => (body += chunk.toString()));
			req.on('end', () => this.handle(req, res, body));
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
	}

	async stop() {
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	/** The tool results the model received (content of the `tool` messages of the last request). */
	toolResults(): string[] {
		const last = this.requests[this.requests.length - 1];
		return (last?.messages ?? []).filter((m) => m.role === 'tool').map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
	}

	private handle(req: http.IncomingMessage, res: http.ServerResponse, body: string) {
		if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
			this.unexpected.push(`${req.method} ${req.url}`);
			res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `not served here: ${req.url}` } }));
			return;
		}
		const request = JSON.parse(body) as ChatRequest;
		this.requests.push(request);
		try {
			this.answer(request, res);
		} catch (error) {
			this.unexpected.push(`error: ${(error as Error).message}`);
			res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: (error as Error).message } }));
		}
	}

	private answer(request: ChatRequest, res: http.ServerResponse) {
		const results = request.messages.filter((m) => m.role === 'tool');
		const toolResult = results.length >= (this.options.calls?.length ?? 1) ? results[results.length - 1] : undefined;
		const message = toolResult
			? { role: 'assistant', content: `The tool answered: ${typeof toolResult.content === 'string' ? toolResult.content : JSON.stringify(toolResult.content)}` }
			: { role: 'assistant', content: null, tool_calls: [this.toolCall(request, this.options.calls?.[results.length])] };
		const finish = toolResult ? 'stop' : 'tool_calls';
		const base = { id: `chatcmpl-${this.requests.length}`, created: Math.floor(Date.now() / 1000), model: request.model ?? 'fake-model' };
		if (!request.stream) {
			res.writeHead(200, { 'content-type': 'application/json' }).end(
				JSON.stringify({
					...base,
					object: 'chat.completion',
					choices: [{ index: 0, message, finish_reason: finish }],
					usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
				}),
			);
			return;
		}
		res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
		const chunk = (delta: Record<string, unknown>, finishReason: string | null) =>
			res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`);
		if (toolResult) {
			chunk({ role: 'assistant', content: message.content }, null);
		} else {
			chunk({ role: 'assistant', content: null, tool_calls: message.tool_calls!.map((call, index) => ({ index, ...call })) }, null);
		}
		chunk({}, finish);
		res.end('data: [DONE]\n\n');
	}

	private toolCall(request: ChatRequest, callArguments?: Record<string, unknown>) {
		const tool = (request.tools ?? []).find((t) => this.options.toolPattern.test(t.function.name));
		if (!tool) throw new Error(`no tool matching ${this.options.toolPattern} in ${JSON.stringify(request.tools?.map((t) => t.function.name))}`);
		const args: Record<string, unknown> = {};
		for (const [name, schema] of Object.entries(tool.function.parameters?.properties ?? {})) {
			args[name] = callArguments?.[name] ?? this.options.toolArguments?.[name] ?? (schema.type === 'number' || schema.type === 'integer' ? 10 : schema.type === 'boolean' ? false : 'x');
		}
		return { id: `call_bill_${request.messages.filter((m) => m.role === 'tool').length + 1}`, type: 'function', function: { name: tool.function.name, arguments: JSON.stringify(args) } };
	}
}
