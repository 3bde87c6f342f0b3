// Signs and checks Twilio webhook requests with the official twilio npm library, so the hotline's validation is
// compared with Twilio's own code. Input on stdin: a JSON array of
//   { token, signUrl, params, receivedUrl?, signature? }
// where params maps a name to a string or an array of strings. Output: a JSON array of
//   { signature, valid }  (signature: getExpectedTwilioSignature(token, signUrl, params), unless one was given;
//                          valid: validateRequest(token, signature, receivedUrl, params), or null without receivedUrl)
const twilio = require('twilio');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const cases = JSON.parse(input);
  const results = cases.map(c => {
    const signature = c.signature ?? twilio.getExpectedTwilioSignature(c.token, c.signUrl, c.params);
    let valid = null;
    if (c.receivedUrl) {
      try {
        valid = twilio.validateRequest(c.token, signature, c.receivedUrl, c.params);
      } catch (e) {
        valid = false; // twilio-node throws on a URL WHATWG cannot parse: that is a refusal too
      }
    }
    return { signature, valid };
  });
  process.stdout.write(JSON.stringify(results));
});
