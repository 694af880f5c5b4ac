// markdown-it plugins without bundled types.
declare module 'markdown-it-container' {
  import type MarkdownIt from 'markdown-it';
  const container: (md: MarkdownIt, name: string, options?: { validate?: (params: string) => boolean; render?: (tokens: import('markdown-it').Token[], idx: number) => string }) => void;
  export default container;
}
declare module 'markdown-it-task-lists' {
  import type MarkdownIt from 'markdown-it';
  const taskLists: (md: MarkdownIt, options?: { enabled?: boolean; label?: boolean; labelAfter?: boolean }) => void;
  export default taskLists;
}
