import { describe, expect, inject, it } from 'vitest';

describe('the app shell is served with security headers', () => {
  it('forbids framing and inline scripts other than Kit’s hashed start-up script', async () => {
    const response = await fetch(`${inject('appUrl')}/`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toMatch(/script-src 'self' 'sha256-[^']+'(;|$)/);
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets the service worker be revalidated on every check, so updates are found', async () => {
    const response = await fetch(`${inject('appUrl')}/service-worker.js`);
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });
});
