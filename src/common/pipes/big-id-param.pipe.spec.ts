import { AppException } from '../errors/app.exception';
import { BigIdParamPipe } from './big-id-param.pipe';

describe('BigIdParamPipe', () => {
  const pipe = new BigIdParamPipe();

  it.each(['1', '2147483648', '9007199254740993', '9223372036854775807'])('keeps %s as exact text', (id) => {
    expect(pipe.transform(id)).toBe(id);
  });

  it.each(['0', '-1', '01', '+1', '1e3', '0x1f', ' 1', '1.5', 'abc', '', '9223372036854775808', '1'.repeat(20)])(
    'answers %j with 404',
    (id) => {
      expect(() => pipe.transform(id)).toThrow(AppException);
    },
  );

  it('answers a non-string with 404', () => {
    expect(() => pipe.transform(7)).toThrow(AppException);
  });
});
