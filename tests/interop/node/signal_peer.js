'use strict';
// A libsignal-node 6.0.0 peer driven over stdin/stdout, one JSON object per line.
// Request: {"id": n, "cmd": "...", ...}; reply: {"id": n, "ok": true, ...} or
// {"id": n, "ok": false, "error": "..."}. Bytes travel as hex. Several named
// parties live in one process, each with an in-memory store.
// Group messages use Baileys 6.17.16's WASignalGroup (sender keys are not in libsignal).

const util = require('util');
const readline = require('readline');
// libsignal logs with console.info/warn; keep stdout for the protocol.
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    console[level] = (...args) => process.stderr.write(util.format(...args) + '\n');
}

const libsignal = require('libsignal');
const group = require('baileys/WASignalGroup');

const hex = (buf) => Buffer.from(buf).toString('hex');
const bin = (text) => Buffer.from(text, 'hex');

class Party {
    constructor(registrationId) {
        this.identity = libsignal.keyhelper.generateIdentityKeyPair();
        this.registrationId = registrationId;
        this.signedPreKey = libsignal.keyhelper.generateSignedPreKey(this.identity, 1);
        this.preKeys = new Map();
        this.sessions = new Map();
        this.senderKeys = new Map();
    }

    addPreKey(keyId) {
        const preKey = libsignal.keyhelper.generatePreKey(keyId);
        this.preKeys.set(keyId, preKey.keyPair);
        return preKey;
    }

    // The storage interface libsignal's SessionBuilder / SessionCipher call.
    async getOurIdentity() { return this.identity; }
    async getOurRegistrationId() { return this.registrationId; }
    async isTrustedIdentity() { return true; }
    async loadPreKey(id) { return this.preKeys.get(id); }
    async removePreKey(id) { this.preKeys.delete(id); }
    async loadSignedPreKey(id) { return id === this.signedPreKey.keyId ? this.signedPreKey.keyPair : undefined; }
    async loadSession(address) { return this.sessions.get(address); }
    async storeSession(address, record) { this.sessions.set(address, record); }

    // The sender-key store WASignalGroup calls.
    async loadSenderKey(name) {
        const key = name.toString();
        if (!this.senderKeys.has(key)) {
            this.senderKeys.set(key, new group.SenderKeyRecord());
        }
        return this.senderKeys.get(key);
    }
    async storeSenderKey(name, record) { this.senderKeys.set(name.toString(), record); }
}

const parties = new Map();

function party(name) {
    const found = parties.get(name);
    if (!found) {
        throw new Error(`unknown party ${name}`);
    }
    return found;
}

function address(text) {
    return libsignal.ProtocolAddress.from(text);
}

function senderKeyName(groupId, addr) {
    return new group.SenderKeyName(groupId, address(addr));
}

function bundleOf(p, preKeyId) {
    const bundle = {
        registrationId: p.registrationId,
        identityKey: hex(p.identity.pubKey),
        signedPreKey: {
            keyId: p.signedPreKey.keyId,
            publicKey: hex(p.signedPreKey.keyPair.pubKey),
            signature: hex(p.signedPreKey.signature),
        },
    };
    if (preKeyId !== undefined && preKeyId !== null) {
        bundle.preKey = { keyId: preKeyId, publicKey: hex(p.addPreKey(preKeyId).keyPair.pubKey) };
    }
    return bundle;
}

async function encrypt(p, addr, plaintext) {
    const out = await new libsignal.SessionCipher(p, address(addr)).encrypt(plaintext);
    return { type: out.type === 3 ? 'pkmsg' : 'msg', body: Buffer.from(out.body, 'binary') };
}

async function decrypt(p, addr, type, body) {
    const cipher = new libsignal.SessionCipher(p, address(addr));
    return type === 'pkmsg' ? cipher.decryptPreKeyWhisperMessage(body) : cipher.decryptWhisperMessage(body);
}

const commands = {
    async init({ name, registrationId }) {
        const p = new Party(registrationId);
        parties.set(name, p);
        return { identityKey: hex(p.identity.pubKey) };
    },
    async bundle({ name, preKeyId }) {
        return { bundle: bundleOf(party(name), preKeyId) };
    },
    async initOutgoing({ name, address: addr, bundle }) {
        const device = {
            registrationId: bundle.registrationId,
            identityKey: bin(bundle.identityKey),
            signedPreKey: {
                keyId: bundle.signedPreKey.keyId,
                publicKey: bin(bundle.signedPreKey.publicKey),
                signature: bin(bundle.signedPreKey.signature),
            },
        };
        if (bundle.preKey) {
            device.preKey = { keyId: bundle.preKey.keyId, publicKey: bin(bundle.preKey.publicKey) };
        }
        await new libsignal.SessionBuilder(party(name), address(addr)).initOutgoing(device);
        return {};
    },
    async encrypt({ name, address: addr, plaintext }) {
        const out = await encrypt(party(name), addr, bin(plaintext));
        return { type: out.type, body: hex(out.body) };
    },
    async decrypt({ name, address: addr, type, body }) {
        return { plaintext: hex(await decrypt(party(name), addr, type, bin(body))) };
    },
    async groupCreate({ name, groupId, address: addr }) {
        const builder = new group.GroupSessionBuilder(party(name));
        const message = await builder.create(senderKeyName(groupId, addr));
        return { distribution: hex(message.serialize()) };
    },
    async groupProcess({ name, groupId, address: addr, distribution }) {
        const message = new group.SenderKeyDistributionMessage(null, null, null, null, bin(distribution));
        await new group.GroupSessionBuilder(party(name)).process(senderKeyName(groupId, addr), message);
        return {};
    },
    async groupEncrypt({ name, groupId, address: addr, plaintext }) {
        const cipher = new group.GroupCipher(party(name), senderKeyName(groupId, addr));
        return { body: hex(await cipher.encrypt(bin(plaintext))) };
    },
    async groupDecrypt({ name, groupId, address: addr, body }) {
        const cipher = new group.GroupCipher(party(name), senderKeyName(groupId, addr));
        return { plaintext: hex(await cipher.decrypt(bin(body))) };
    },
    // Throughput of libsignal-node itself, between two parties in this process.
    async benchPairwise({ count, size }) {
        const a = new Party(1), b = new Party(2);
        const bundle = bundleOf(b, 1);
        parties.set('_bench_a', a);
        parties.set('_bench_b', b);
        await commands.initOutgoing({ name: '_bench_a', address: 'b.1', bundle });
        const payload = Buffer.alloc(size, 7);
        const first = await encrypt(a, 'b.1', payload);
        await decrypt(b, 'a.1', first.type, first.body);
        const reply = await encrypt(b, 'a.1', payload);
        await decrypt(a, 'b.1', reply.type, reply.body);
        const start = process.hrtime.bigint();
        for (let i = 0; i < count; i++) {
            const [sender, receiver, from, to] = (i >> 4) % 2 ? [b, a, 'b.1', 'a.1'] : [a, b, 'a.1', 'b.1'];
            const out = await encrypt(sender, to, payload);
            await decrypt(receiver, from, out.type, out.body);
        }
        return { seconds: Number(process.hrtime.bigint() - start) / 1e9 };
    },
    async benchGroup({ count, size }) {
        const a = new Party(1), b = new Party(2);
        const name = senderKeyName('bench@g.us', 'a.1');
        const distribution = await new group.GroupSessionBuilder(a).create(name);
        await new group.GroupSessionBuilder(b).process(name, distribution);
        const payload = Buffer.alloc(size, 7);
        const sender = new group.GroupCipher(a, name), receiver = new group.GroupCipher(b, name);
        const start = process.hrtime.bigint();
        for (let i = 0; i < count; i++) {
            await receiver.decrypt(await sender.encrypt(payload));
        }
        return { seconds: Number(process.hrtime.bigint() - start) / 1e9 };
    },
};

const lines = readline.createInterface({ input: process.stdin, terminal: false });
let chain = Promise.resolve();
lines.on('line', (line) => {
    chain = chain.then(async () => {
        let request;
        let reply;
        try {
            request = JSON.parse(line);
            const handler = commands[request.cmd];
            if (!handler) {
                throw new Error(`unknown command ${request.cmd}`);
            }
            reply = Object.assign({ ok: true }, await handler(request));
        } catch (error) {
            reply = { ok: false, error: String(error && error.stack || error) };
        }
        reply.id = request ? request.id : null;
        process.stdout.write(JSON.stringify(reply) + '\n');
    });
});
lines.on('close', () => chain.then(() => process.exit(0)));
process.stdout.write(JSON.stringify({ id: 0, ok: true, ready: true }) + '\n');
