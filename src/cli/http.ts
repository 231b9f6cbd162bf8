// The CLI's HTTP transport over Node's http/https: a CA bundle for private TLS, one deadline per attempt that
// also covers a body stalling after the headers, and a cap on the answer's size. Redirects are returned, not followed.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { TransportError, type HttpTransport } from '../query/client';

export interface NodeTransportOptions {
  /** PEM CA bundle trusted instead of the system's (private TLS). */
  ca?: string;
  /** Largest answer accepted (range queries over a quarter are a few MB). */
  maxBodyBytes?: number;
}

const DEFAULT_MAX_BODY = 256 * 1024 * 1024;

export function nodeTransport(options: NodeTransportOptions = {}): HttpTransport {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  return (req) =>
    new Promise((resolve, reject) => {
      let url: URL;
      try {
        url = new URL(req.url);
      } catch {
        reject(new TransportError('bad-url', 'not a valid URL'));
        return;
      }
      const https = url.protocol === 'https:';
      const send = https ? httpsRequest : httpRequest;
      const body = Buffer.from(req.body, 'utf8');
      let settled = false;
      const fail = (e: TransportError) => {
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          r.destroy();
          reject(e);
        }
      };
      const timer = setTimeout(
        () => fail(new TransportError('timeout', `no complete answer within ${req.timeoutMs / 1000} s`)),
        req.timeoutMs
      );
      const r = send(
        url,
        {
          method: req.method,
          headers: { ...req.headers, 'Content-Length': String(body.length) },
          ...(https && options.ca ? { ca: options.ca } : {}),
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > maxBody) {
              fail(new TransportError('too-large', `answer larger than ${maxBody / 1024 / 1024} MiB`));
              return;
            }
            chunks.push(c);
          });
          res.on('error', (e) => fail(new TransportError('error', e.message)));
          res.on('end', () => {
            if (settled) {
              return;
            }
            settled = true;
            clearTimeout(timer);
            const headers: Record<string, string | undefined> = {};
            for (const [k, v] of Object.entries(res.headers)) {
              headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
            }
            resolve({
              status: res.statusCode ?? 0,
              statusText: res.statusMessage ?? '',
              headers,
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
        }
      );
      r.on('error', (e: NodeJS.ErrnoException) => {
        // Node's messages name host and port, never headers; codes such as ECONNREFUSED or
        // UNABLE_TO_VERIFY_LEAF_SIGNATURE say what went wrong.
        const hint = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(e.code ?? '')
          ? ' (a private CA? pass it with --ca-file)'
          : '';
        fail(new TransportError(e.code ?? 'error', `${e.code ?? e.message}${hint}`));
      });
      r.end(body);
    });
}
