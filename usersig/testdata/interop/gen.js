'use strict';
// Interop peer for the Go usersig package: generates UserSigs with the
// vendor's official tls-sig-api-v2 (1.0.2) at a pinned time.
//
// Input (argv[2], or stdin when no argument is given): either one request
//   {"sdkappid": 1400000000, "key": "...", "identifier": "admin",
//    "expire": 86400, "now": 1700000000, "userbuf_base64": "AP8="}
// or a JSON array of such requests. Output: {"usersig": "..."} for one
// request, or an array of those, on stdout.
//
// Time pinning: TLSSigAPIv2.js reads the clock only through Date.now()
//   genSig:      var currTime = Math.floor(Date.now() / 1000);
// so each call runs with Date.now replaced by () => now * 1000.

const TLSSigAPIv2 = require('tls-sig-api-v2');

function gen(req) {
  for (const f of ['sdkappid', 'key', 'identifier', 'expire', 'now']) {
    if (!(f in req)) throw new Error('request lacks ' + f);
  }
  if (!Number.isSafeInteger(req.sdkappid) || !Number.isSafeInteger(req.now) || !Number.isSafeInteger(req.expire)) {
    throw new Error('sdkappid, now and expire must be safe integers');
  }
  const api = new TLSSigAPIv2.Api(req.sdkappid, req.key);
  const realNow = Date.now;
  Date.now = () => req.now * 1000;
  try {
    if (req.userbuf_base64 === undefined || req.userbuf_base64 === null) {
      return { usersig: api.genUserSig(req.identifier, req.expire) };
    }
    // A Buffer, so that binary bytes (0x00, 0xff) are carried as they are.
    const userBuf = Buffer.from(req.userbuf_base64, 'base64');
    return { usersig: api.genSig(req.identifier, req.expire, userBuf) };
  } finally {
    Date.now = realNow;
  }
}

function main(text) {
  const input = JSON.parse(text);
  const out = Array.isArray(input) ? input.map(gen) : gen(input);
  process.stdout.write(JSON.stringify(out) + '\n');
}

if (process.argv.length > 2) {
  main(process.argv[2]);
} else {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => main(text));
}
