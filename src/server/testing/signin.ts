import { CSRF_HEADER, DEVICE_COOKIE, SESSION_COOKIE } from '../http/app';
import { TEST_PASSWORD, type Agent, type TestApp } from './harness';

/**
 * Signs in through the API like a browser would (address, User-Agent, device cookie) and returns an
 * agent for the session, also when the session is only half-way (a two-factor step is due).
 */
export async function loginAs(
  t: TestApp,
  email: string,
  o: { password?: string; userAgent?: string; ip?: string; device?: string | null } = {},
): Promise<Agent & { device: string | null; signInStep: string }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: o.ip ?? '198.51.100.1',
    headers: {
      ...(o.userAgent ? { 'user-agent': o.userAgent } : {}),
      ...(o.device ? { cookie: `${DEVICE_COOKIE}=${o.device}` } : {}),
    },
    payload: { email, password: o.password ?? TEST_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
  const device = res.cookies.find((c) => c.name === DEVICE_COOKIE)?.value ?? o.device ?? null;
  const me = JSON.parse(res.body) as { id: string; csrfToken: string; signInStep: string };
  const agent = {
    personId: me.id,
    csrfToken: me.csrfToken,
    sessionCookie: cookie,
    device,
    signInStep: me.signInStep,
    async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
      const cookies = [`${SESSION_COOKIE}=${cookie}`, ...(agent.device ? [`${DEVICE_COOKIE}=${agent.device}`] : [])];
      const r = await t.app.inject({
        method,
        url: `/api/v1${url}`,
        remoteAddress: o.ip ?? '198.51.100.1',
        headers: { cookie: cookies.join('; '), [CSRF_HEADER]: me.csrfToken },
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      const setDevice = r.cookies.find((c) => c.name === DEVICE_COOKIE)?.value;
      if (setDevice) agent.device = setDevice;
      return {
        status: r.statusCode,
        body: r.body ? (JSON.parse(r.body) as any) : null,
        headers: r.headers as Record<string, unknown>,
      };
    },
  };
  return agent;
}
