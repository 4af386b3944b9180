/** The traces shipped with the package (src/edge/traces/data, see ATTRIBUTION.md there). @category edge */
export const BUILT_IN_TRACES = {
  mooncake: 'mooncake-conversation.jsonl',
  'azure-conv': 'azure-llm-2023-conv.csv',
  'azure-code': 'azure-llm-2023-code.csv',
} as const;
