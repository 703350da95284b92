// The media benchmark for Baileys: encrypt + upload a file, then download it to a file,
// through the FakeServer's media host, measured as benchmarks/media.py measures waproto
// (seconds each way, peak RSS growth via /proc/self/clear_refs and VmHWM).
//
//   node media.mjs spec.json   (copied next to the Baileys install by media.py)
//
// spec.json: {media_conn: {auth, hosts, ttl}, source, target, warmup}. The media host's CA
// comes in through NODE_EXTRA_CA_CERTS. Prints one JSON line.
import { createWriteStream, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import util from 'node:util';

for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    console[level] = (...args) => process.stderr.write(util.format(...args) + '\n');
}
const baileys = await import('baileys');
const pick = (name) => baileys[name] ?? baileys.default?.[name];
const encryptedStream = pick('encryptedStream');
const getWAUploadToServer = pick('getWAUploadToServer');
const downloadContentFromMessage = pick('downloadContentFromMessage');

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const logger = { level: 'silent', child: () => logger };
for (const name of ['trace', 'debug', 'info', 'warn', 'error', 'fatal']) logger[name] = () => {};

const status = (field) => {
    const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(field + ':'));
    return parseInt(line.split(/\s+/)[1], 10);
};
const resetPeak = () => {
    writeFileSync('/proc/self/clear_refs', '5');
    return status('VmRSS');
};

const mediaConn = {
    auth: spec.media_conn.auth,
    ttl: spec.media_conn.ttl,
    hosts: spec.media_conn.hosts.map((hostname) => ({ hostname, maxContentLengthBytes: 0 })),
    fetchDate: new Date(),
};
const upload = getWAUploadToServer({ customUploadHosts: [], logger, options: {} }, async () => mediaConn);

async function roundTrip(path) {
    let start = resetPeak();
    let began = performance.now();
    const enc = await encryptedStream({ url: path }, 'document', { logger });
    const { mediaUrl, directPath } = await upload(enc.encFilePath, {
        fileEncSha256B64: enc.fileEncSha256.toString('base64'),
        mediaType: 'document',
        timeoutMs: 300000,
    });
    unlinkSync(enc.encFilePath);
    const uploadS = (performance.now() - began) / 1000;
    const uploadPeak = Math.max(0, status('VmHWM') - start);
    start = resetPeak();
    began = performance.now();
    const stream = await downloadContentFromMessage({ mediaKey: enc.mediaKey, directPath, url: mediaUrl }, 'document');
    await pipeline(stream, createWriteStream(spec.target));
    return [uploadS, uploadPeak, (performance.now() - began) / 1000, Math.max(0, status('VmHWM') - start)];
}

await roundTrip(spec.warmup);
const [uploadS, uploadPeak, downloadS, downloadPeak] = await roundTrip(spec.source);
process.stdout.write(JSON.stringify({
    upload_s: uploadS,
    download_s: downloadS,
    upload_peak_rss_growth_kib: uploadPeak,
    download_peak_rss_growth_kib: downloadPeak,
}) + '\n');
