// A small server-sent-events parser for a fetch() body stream. EventSource cannot send headers,
// and the studio's token travels in a header, so the HTTP client reads the stream itself.
// Format: https://html.spec.whatwg.org/multipage/server-sent-events.html (event/data/id fields,
// blank line ends a message, lines starting with ':' are comments used as keep-alives).

/** One complete message. */
export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/** Feeds text chunks in; calls `onMessage` for every complete message. Keeps partial lines. */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private id: string | undefined;

  constructor(private readonly onMessage: (message: SseMessage) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    let newline = this.buffer.search(/\r\n|\r|\n/);
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + width);
      this.line(line);
      newline = this.buffer.search(/\r\n|\r|\n/);
    }
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) {
        const message: SseMessage = { event: this.event || 'message', data: this.data.join('\n') };
        if (this.id !== undefined) message.id = this.id;
        this.onMessage(message);
      }
      this.event = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id') this.id = value;
  }
}
