// The session benchmark for Baileys: N sockets in this Node process, logged in with
// credentials the FakeServer already linked, measured as benchmarks/sessions.py measures
// waproto, printing the same JSON schema. Also the throughput scenarios (1:1 ping-pong
// pairs, group fan-out).
//
//   node --expose-gc sessions.mjs spec.json
//
// spec.json (written by sessions.py next to this file): {install, url, mode, devices: [...],
// warmup, keepalive_s, idle_s, messages, ...}; each device holds the keys and identity a
// paired Baileys keeps in creds (bytes as base64). Baileys is resolved from `install`
// (the npm cache folder). The server's CA comes in through NODE_EXTRA_CA_CERTS.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import util from 'node:util';

// libsignal logs every session it closes on the console: keep stdout for the JSON, and keep
// the noise (and its cost) out of the measurement unless BAILEYS_LOG asks for it.
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    console[level] = process.env.BAILEYS_LOG
        ? (...args) => process.stderr.write(util.format(...args) + '\n')
        : () => {};
}

// Baileys throws some socket errors from event callbacks; count them instead of dying.
const uncaught = [];
process.on('uncaughtException', (error) => uncaught.push(String(error?.message ?? error)));

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const require = createRequire(path.join(spec.install, 'package.json'));
const baileys = require('baileys');
const makeWASocket = baileys.default ?? baileys.makeWASocket;
const { proto, initAuthCreds } = baileys;
const baileysVersion = require('baileys/package.json').version;

// A pino-shaped logger; BAILEYS_LOG=debug (or info, warn...) prints to stderr.
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
const threshold = LEVELS.indexOf(process.env.BAILEYS_LOG ?? 'silent');
const logger = { level: process.env.BAILEYS_LOG ?? 'silent', child: () => logger };
for (const [rank, name] of LEVELS.entries()) {
    logger[name] = threshold >= 0 && rank >= threshold
        ? (obj, msg) => process.stderr.write(`${name} ${util.inspect(obj, { depth: 3 })} ${msg ?? ''}\n`)
        : () => {};
}
const b = (text) => Buffer.from(text, 'base64');
const KIB = 1024;
const sleep = (s) => new Promise((resolve) => setTimeout(resolve, s * 1000));

/** RSS and PSS as sessions.py reads them, after full collections and a moment for V8 to give pages back. */
async function memory() {
    for (let i = 0; i < 3; i++) {
        global.gc?.();
        await sleep(0.2);
    }
    const fields = {};
    for (const line of readFileSync('/proc/self/smaps_rollup', 'utf8').split('\n')) {
        const [name, rest] = line.split(':');
        if (name === 'Rss' || name === 'Pss') fields[name.toLowerCase()] = parseInt(rest, 10);
    }
    const usage = process.memoryUsage();
    return {
        rss_kib: fields.rss,
        pss_kib: fields.pss,
        heap_kib: Math.round(usage.heapUsed / KIB),
        external_kib: Math.round(usage.external / KIB),
    };
}

function progress(label, total) {
    let done = 0;
    let last = 0;
    const enabled = spec.progress || process.stderr.isTTY;
    return () => {
        done += 1;
        const now = Date.now();
        if (enabled && (now - last > 100 || done >= total)) {
            last = now;
            const filled = Math.floor((30 * done) / total);
            process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${done}/${total}`);
            if (done >= total) process.stderr.write('\n');
        }
    };
}

/** An in-memory SignalKeyStore, as useMultiFileAuthState keeps on disk. */
function memoryKeys() {
    const data = new Map();
    return {
        async get(type, ids) {
            const out = {};
            for (const id of ids) {
                let value = data.get(`${type}/${id}`);
                if (type === 'app-state-sync-key' && value) value = proto.Message.AppStateSyncKeyData.fromObject(value);
                out[id] = value;
            }
            return out;
        },
        async set(update) {
            for (const type in update) {
                for (const id in update[type]) {
                    const value = update[type][id];
                    if (value) data.set(`${type}/${id}`, value);
                    else data.delete(`${type}/${id}`);
                }
            }
        },
    };
}

function credsFor(device) {
    const keyPair = (priv, pub) => ({ private: b(priv), public: b(pub) });
    const identity = keyPair(device.identity_private, device.identity_public);
    const account = proto.ADVSignedDeviceIdentity.decode(b(device.account));
    return {
        ...initAuthCreds(),
        noiseKey: keyPair(device.noise_private, device.noise_public),
        signedIdentityKey: identity,
        signedPreKey: {
            keyPair: keyPair(device.signed_prekey_private, device.signed_prekey_public),
            signature: b(device.signed_prekey_signature),
            keyId: device.signed_prekey_id,
        },
        registrationId: device.registration_id,
        advSecretKey: device.adv_secret_key,
        me: { id: device.me, lid: device.lid, name: device.push_name },
        account,
        signalIdentities: [
            {
                identifier: { name: device.me, deviceId: 0 },
                identifierKey: Buffer.concat([Buffer.from([5]), account.accountSignatureKey]),
            },
        ],
        platform: device.platform,
        registered: true,
        // A paired Baileys holds the id of an app-state key the phone shared. Without one it
        // buffers every event (messages too) until a key arrives, and FakeServer's phone sends none.
        myAppStateKeyId: 'AAAAAAAA',
    };
}

class Session {
    constructor(device, index) {
        this.device = device;
        this.index = index;
        this.jid = device.me.replace(/:\d+@/, '@');
        this.received = 0;
        this.onMessage = null;
        this.closedWith = null;
    }

    /** Connect; resolves once the connection is open, rejects if it closes first. */
    open() {
        const creds = credsFor(this.device);
        const sock = makeWASocket({
            waWebSocketUrl: spec.url,
            auth: { creds, keys: memoryKeys() },
            logger,
            printQRInTerminal: false,
            markOnlineOnConnect: false,
            syncFullHistory: false,
            shouldSyncHistoryMessage: () => false,
            keepAliveIntervalMs: spec.keepalive_s * 1000,
            connectTimeoutMs: 300000,
            defaultQueryTimeoutMs: 120000,
        });
        this.sock = sock;
        sock.ev.on('creds.update', (update) => Object.assign(creds, update));
        sock.ev.on('messages.upsert', ({ messages, type }) => {
            if (type !== 'notify') return;
            for (const msg of messages) {
                if (msg.key.fromMe || !msg.message) continue;
                this.received += 1;
                this.onMessage?.(msg);
            }
        });
        return new Promise((resolve, reject) => {
            const late = () => reject(new Error(`session ${this.index} not open in time`));
            const timer = setTimeout(late, spec.open_timeout_s * 1000);
            sock.ev.on('connection.update', (update) => {
                if (update.connection === 'open' || update.connection === 'close') clearTimeout(timer);
                if (update.connection === 'open') resolve();
                if (update.connection === 'close') {
                    this.closedWith = update.lastDisconnect?.error?.output?.statusCode ?? 'unknown';
                    reject(new Error(`session ${this.index} closed with ${this.closedWith}`));
                }
            });
        });
    }

    stop() {
        this.sock?.end(undefined);
    }
}

/** Open every session, at most spec.login_concurrency at a time (0: all at once). */
async function openAll(sessions, tick) {
    const started = performance.now();
    const failed = [];
    const marks = [];
    const limit = spec.login_concurrency > 0 ? spec.login_concurrency : sessions.length;
    let next = 0;
    const worker = async () => {
        while (next < sessions.length) {
            const s = sessions[next++];
            try {
                await s.open();
            } catch (error) {
                failed.push(String(error?.message ?? error));
            }
            done += 1;
            if (done % 1000 === 0 || done === sessions.length) marks.push((performance.now() - started) / 1000);
            tick();
        }
    };
    let done = 0;
    await Promise.all(Array.from({ length: Math.min(limit, sessions.length) }, worker));
    return { seconds: (performance.now() - started) / 1000, failed, marks };
}

async function until(predicate, timeoutS) {
    const deadline = Date.now() + timeoutS * 1000;
    while (!predicate()) {
        if (Date.now() > deadline) return false;
        await sleep(0.05);
    }
    return true;
}

async function sessionsMode() {
    const all = spec.devices.map((d, i) => new Session(d, i));
    const warm = all.slice(0, spec.warmup);
    const rest = all.slice(spec.warmup);
    const n = rest.length;
    await openAll(warm, () => {});
    const memoryKib = { baseline: await memory() };
    const opened = await openAll(rest, progress(`open ${n}`, n));
    memoryKib.after_login = await memory();
    // CPU time of this process (user + system) over the idle window, as sessions.py reads it.
    const cpuBefore = process.cpuUsage();
    const idleStarted = performance.now();
    await sleep(spec.idle_s);
    const cpu = process.cpuUsage(cpuBefore);
    const idleWindowS = (performance.now() - idleStarted) / 1000;
    memoryKib.after_idle = await memory();
    const tick = progress('traffic', all.length * spec.messages);
    const started = performance.now();
    const before = all.reduce((sum, s) => sum + s.received, 0);
    const sendErrors = [];
    let sendFailures = 0;
    // At most spec.send_concurrency sessions send at once (0: all), each its texts one after
    // another, as sessions.py paces waproto's senders.
    let next = 0;
    const sender = async () => {
        while (next < all.length) {
            const i = next++;
            const target = all[(i + 1) % all.length].jid;
            for (let k = 0; k < spec.messages; k++) {
                try {
                    await all[i].sock.sendMessage(target, { text: `ring ${i} #${k}` });
                } catch (error) {
                    sendFailures += 1;
                    if (sendErrors.length < 20) sendErrors.push(`s${i}: ${error?.message ?? error}`);
                }
                tick();
            }
        }
    };
    const senders = spec.send_concurrency > 0 ? Math.min(spec.send_concurrency, all.length) : all.length;
    const sends = Promise.all(Array.from({ length: senders }, sender));
    // One budget for the whole phase: sending, then waiting for every text that was sent.
    const timeoutS = spec.traffic_timeout_s ?? 300;
    const sent = await Promise.race([sends.then(() => true), sleep(timeoutS).then(() => false)]);
    const expected = before + all.length * spec.messages - sendFailures;
    const left = timeoutS - (performance.now() - started) / 1000;
    const arrived = sent && (await until(() => all.reduce((sum, s) => sum + s.received, 0) >= expected, left));
    const complete = arrived && sendFailures === 0;
    const receivedInTraffic = all.reduce((sum, s) => sum + s.received, 0) - before;
    const trafficS = (performance.now() - started) / 1000;
    memoryKib.after_traffic = await memory();
    const closedSessions = all.filter((s) => s.closedWith !== null).length;
    for (const s of all) s.stop();
    return {
        n,
        warmup_sessions: spec.warmup,
        tls: spec.url.startsWith('wss:'),
        keepalive_interval_s: spec.keepalive_s,
        idle_s: spec.idle_s,
        messages_per_session: spec.messages,
        time_to_all_open_s: opened.seconds,
        traffic_s: trafficS,
        traffic_complete: complete,
        traffic_received: receivedInTraffic,
        traffic_expected: all.length * spec.messages,
        traffic_send_failures: sendFailures,
        traffic_send_errors: sendErrors,
        closed_sessions: closedSessions,
        memory_kib: memoryKib,
        idle_cpu_s: (cpu.user + cpu.system) / 1e6,
        idle_window_s: idleWindowS,
        open_marks_s: opened.marks,
        failed_sessions: opened.failed,
    };
}

/** 1:1 ping-pong between pairs, then one sender fanning out to a group of the others. */
async function throughputMode() {
    const all = spec.devices.map((d, i) => new Session(d, i));
    const opened = await openAll(all, () => {});
    const result = { failed_sessions: opened.failed };
    const pairs = [];
    for (let i = 0; i + 1 < spec.pairs * 2; i += 2) pairs.push([all[i], all[i + 1]]);
    // Each side answers a ping with a pong until the round count is reached.
    const rounds = spec.rounds;
    let started = performance.now();
    const timeoutS = spec.traffic_timeout_s ?? 120;
    // A lost message would stall its pair for ever: give up after the timeout and say so.
    const pairsDone = Promise.all(
        pairs.map(async ([a, bSide]) => {
            let done = 0;
            const finished = new Promise((resolve) => {
                bSide.onMessage = () => bSide.sock.sendMessage(a.jid, { text: 'pong' });
                a.onMessage = () => {
                    done += 1;
                    if (done >= rounds) resolve();
                    else a.sock.sendMessage(bSide.jid, { text: 'ping' });
                };
            });
            await a.sock.sendMessage(bSide.jid, { text: 'ping' });
            await finished;
            a.onMessage = bSide.onMessage = null;
        }),
    );
    const pairsComplete = await Promise.race([pairsDone.then(() => true), sleep(timeoutS).then(() => false)]);
    let seconds = (performance.now() - started) / 1000;
    result.pairs = {
        pairs: pairs.length, rounds, messages: 2 * rounds * pairs.length, complete: pairsComplete, seconds,
    };
    result.pairs.msgs_per_s = result.pairs.messages / seconds;

    const sender = all[spec.pairs * 2];
    const members = all.slice(spec.pairs * 2 + 1);
    const meta = await sender.sock.groupCreate('fan-out', members.map((m) => m.jid));
    const count = spec.group_messages;
    const expected = count * members.length;
    let got = 0;
    for (const m of members) m.onMessage = () => { got += 1; };
    started = performance.now();
    for (let k = 0; k < count; k++) await sender.sock.sendMessage(meta.id, { text: `fan ${k}` });
    const complete = await until(() => got >= expected, timeoutS);
    seconds = (performance.now() - started) / 1000;
    result.group = {
        members: members.length,
        messages: count,
        deliveries_to_companions: got,
        complete,
        seconds,
        msgs_per_s: count / seconds,
        deliveries_per_s: got / seconds,
    };
    for (const s of all) s.stop();
    return result;
}

const output = spec.mode === 'throughput' ? await throughputMode() : await sessionsMode();
process.stdout.write(
    JSON.stringify({
        client: 'baileys',
        runtime: `node ${process.version}, baileys ${baileysVersion}`,
        ...output,
        uncaught_errors: uncaught.slice(0, 20),
    }) + '\n',
);
process.exit(0);
