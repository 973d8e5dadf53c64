import { describe, expect, it } from 'vitest';
import { describeProcessingError } from './token-endpoint';
import { MAX_PROVIDER_DESCRIPTION, providerText } from './provider-text';
import * as oauth from 'oauth4webapi';

describe('provider error text', () => {
  it('is plain text, on one line, cut to a sane length', () => {
    expect(providerText('bad\r\nSet-Cookie: x=1\u202eevil')).toBe('bad Set-Cookie: x=1 evil');
    const long = providerText('x'.repeat(5_000));
    expect(long.length).toBe(MAX_PROVIDER_DESCRIPTION);
    expect(long.endsWith('…')).toBe(true);
    expect(providerText(undefined)).toBe('');
  });

  it('a token endpoint’s huge error_description does not end up whole in the message', () => {
    const response = new Response(JSON.stringify({ error: 'invalid_grant', error_description: `<script>alert(1)</script>${'A'.repeat(10_000)}` }), { status: 400 });
    const error = new oauth.ResponseBodyError('server responded with an error in the response body', {
      cause: { error: 'invalid_grant', error_description: `<script>alert(1)</script>${'A'.repeat(10_000)}` },
      response,
    });
    const described = describeProcessingError(error, 400);
    // The provider's part is cut; what follows is this console's own explanation of the code.
    const providerPart = /^The provider refused the token request \(invalid_grant: <script>alert\(1\)<\/script>A+…\)\./.exec(described.message)?.[0];
    expect(providerPart).toBeDefined();
    expect(providerPart!.length).toBeLessThan(MAX_PROVIDER_DESCRIPTION + 100);
    expect(described.message).not.toContain('A'.repeat(MAX_PROVIDER_DESCRIPTION));
  });
});
