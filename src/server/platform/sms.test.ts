import { describe, expect, it } from 'vitest';
import { classifySmtpError } from './mail';
import { twilioSignature, twilioVerifier } from './sms';

// Twilio's published request-validation example (twilio-php/-csharp RequestValidatorTest).
const TOKEN = '12345';
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };
const SIGNATURE = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';

describe('Twilio webhook signatures', () => {
  it("reproduces Twilio's documented example", () => {
    expect(twilioSignature(TOKEN, URL, PARAMS)).toBe(SIGNATURE);
  });

  it('accepts the genuine signature and rejects any change to the token, URL, parameters or signature', () => {
    const v = twilioVerifier(TOKEN);
    expect(v.verify(URL, PARAMS, SIGNATURE)).toBe(true);
    expect(twilioVerifier('54321').verify(URL, PARAMS, SIGNATURE)).toBe(false);
    expect(v.verify(`${URL}&x=1`, PARAMS, SIGNATURE)).toBe(false);
    expect(v.verify(URL, { ...PARAMS, Digits: '9999' }, SIGNATURE)).toBe(false);
    expect(v.verify(URL, { ...PARAMS, Extra: '' }, SIGNATURE)).toBe(false);
    expect(v.verify(URL, PARAMS, 'RSOYDt4T1cUTdK1PDd93/VVr8B8')).toBe(false);
    expect(v.verify(URL, PARAMS, '')).toBe(false);
    expect(v.verify(URL, PARAMS, undefined)).toBe(false);
  });
});

describe('SMTP failures', () => {
  it('are retried only when the server certainly did not take the message', () => {
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 550 })).toMatchObject({ code: '550', outcome: 'permanent' });
    expect(classifySmtpError({ code: 'EMESSAGE', responseCode: 451 })).toMatchObject({ code: '451', outcome: 'retry' });
    expect(classifySmtpError({ code: 'EAUTH', responseCode: 535 })).toMatchObject({ code: '535', outcome: 'retry' });
    expect(classifySmtpError({ code: 'ESOCKET', syscall: 'connect' })).toMatchObject({ code: 'ESOCKET', outcome: 'retry' });
    expect(classifySmtpError({ code: 'EDNS' })).toMatchObject({ outcome: 'retry' });
    // The connection broke or timed out mid-conversation: the message may have been taken.
    expect(classifySmtpError({ code: 'ETIMEDOUT' })).toMatchObject({ code: 'ETIMEDOUT', outcome: 'unknown' });
    expect(classifySmtpError({ code: 'ECONNECTION' })).toMatchObject({ outcome: 'unknown' });
    expect(classifySmtpError(new Error('boom'))).toMatchObject({ code: 'error', outcome: 'unknown' });
  });
});
