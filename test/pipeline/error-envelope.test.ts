import Fastify from 'fastify';
import { cloudFunction } from '../../pipeline/function-handler';
import { installErrorHandler } from '../../admin/server/http/errors';
import { AppError, ErrorCode } from '../../typings/errors';

const cloud = { getWXContext: () => ({ OPENID: 'student-1' }) };
const SECRET_DETAIL = 'connect ECONNREFUSED 10.0.0.7:27017 password=hunter2';

describe('a cloud function', () => {
  it('answers an unexpected exception as final INTERNAL naming only the request id', async () => {
    const main = cloudFunction('boom', cloud, () => Promise.reject(new Error(SECRET_DETAIL)));
    const answer = await main({}, { request_id: 'req-42' });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong on our side (request req-42)',
        retryable: false,
      },
    });
  });

  it('answers an AppError with its own code, message and retryability', async () => {
    const main = cloudFunction('busy', cloud, () =>
      Promise.reject(new AppError(ErrorCode.UNAVAILABLE, 'storage is busy')),
    );
    expect(await main({})).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'storage is busy', retryable: true },
    });
  });
});

describe('the admin server', () => {
  it('answers an unexpected exception with 500 and a generic INTERNAL envelope', async () => {
    const app = Fastify({ logger: false });
    installErrorHandler(app);
    app.get('/boom', () => Promise.reject(new Error(SECRET_DETAIL)));
    const res = await app.inject({ method: 'GET', url: '/boom' });
    await app.close();
    expect(res.statusCode).toBe(500);
    const body = res.json<{ ok: boolean; error: { code: string; message: string; retryable: boolean } }>();
    expect(body.error).toMatchObject({ code: 'INTERNAL', retryable: false });
    expect(body.error.message).toMatch(/^Something went wrong on our side \(request .+\)$/);
    expect(res.body).not.toContain('hunter2');
  });
});
