import { describe, expect, it } from 'vitest';
import type { SseMessage } from '../../../../renderer/api/sse.js';
import { SseParser } from '../../../../renderer/api/sse.js';

function parse(chunks: string[]): SseMessage[] {
  const out: SseMessage[] = [];
  const parser = new SseParser((m) => out.push(m));
  for (const c of chunks) parser.push(c);
  return out;
}

describe('SseParser', () => {
  it('reads named events split across chunks at any point', () => {
    const text = 'event: job.progress\ndata: {"a":1}\n\nevent: project.changed\ndata: {"area":"objective"}\n\n';
    const whole = parse([text]);
    const split = parse(text.split(''));
    expect(whole).toEqual([
      { event: 'job.progress', data: '{"a":1}' },
      { event: 'project.changed', data: '{"area":"objective"}' },
    ]);
    expect(split).toEqual(whole);
  });

  it('joins multi-line data, skips comments, accepts CRLF and keeps the id', () => {
    const messages = parse([': keep-alive\r\n\r\nid: 7\r\ndata: line1\r\ndata: line2\r\n\r\n']);
    expect(messages).toEqual([{ event: 'message', data: 'line1\nline2', id: '7' }]);
  });

  it('does not emit an unfinished message', () => {
    expect(parse(['event: x\ndata: 1\n'])).toEqual([]);
  });
});
