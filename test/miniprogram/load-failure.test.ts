import { RecorderError } from '../../miniprogram/recorder/errors';
import { t } from '../../miniprogram/strings';
import { loadFailureView } from '../../miniprogram/view/load-failure';

// The one decision both pages make when their content did not load (record: profile and prompt; history: list).
describe('what a page shows when its content did not load', () => {
  it('a retryable failure offers the retry button and no notice', () => {
    const view = loadFailureView(new RecorderError('UNAVAILABLE', 'function busy', true));
    expect(view).toEqual({ canRetryLoad: true });
  });

  it('a failure without our envelope (the network, a wx {errMsg}) offers the retry button', () => {
    expect(loadFailureView(new Error('request:fail timeout'))).toEqual({ canRetryLoad: true });
    expect(loadFailureView({ errMsg: 'cloud.callFunction:fail network' })).toEqual({ canRetryLoad: true });
  });

  it('a final failure shows the notice with its text and no retry button', () => {
    const view = loadFailureView(new RecorderError('NOT_FOUND', 'assignment no-such-assignment', false));
    expect(view).toEqual({ notice: t('error.NOT_FOUND', { message: 'assignment no-such-assignment' }) });
    expect(view).toEqual({ notice: '找不到：assignment no-such-assignment' });
  });
});
