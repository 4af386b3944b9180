/** One LLM request of an agent's session. @category edge */
export interface LlmRequest {
  readonly id: string;
  readonly agentId: string;
  readonly sessionId: string;
  readonly modelId: string;
  readonly arrivalS: number;
  /** New prompt tokens of this round (the context of earlier rounds is not counted here). */
  readonly promptTokens: number;
  readonly outputTokens: number;
  /** 1 for a session's first request. */
  readonly round: number;
}

/** A request as a trace describes it, before agents and models are assigned. */
export interface TraceRecord {
  readonly arrivalS: number;
  readonly promptTokens: number;
  readonly outputTokens: number;
  /** The session it continues and its round, or undefined for a single-request session. */
  readonly session: number;
  readonly round: number;
}
