import { readFileSync, writeFileSync } from 'node:fs';
import { registerUser } from '../support/builders';
import { AppProcess, startAppProcess } from '../support/app-process';
import { CloudinaryStandIn } from '../support/cloudinary-stand-in';
import { streamUpload } from '../support/upload-requests';

const MiB = 1024 * 1024;
const FILE_BYTES = 150 * MiB;
/** Growth allowed while the file streams through; holding it whole would take FILE_BYTES at least. */
const GROWTH_BOUND = 40 * MiB;

/** Resident memory of a process now (VmRSS) and at its peak (VmHWM), in bytes. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1]) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

describe('A large upload streams through the server', () => {
  let cloudinary: CloudinaryStandIn;
  let app: AppProcess;

  beforeAll(async () => {
    cloudinary = await CloudinaryStandIn.start();
    app = await startAppProcess({
      ...cloudinary.env(),
      UPLOAD_MAX_FILE_BYTES: String(200 * MiB),
      UPLOAD_QUOTA_BYTES_PER_DAY: String(1024 * MiB),
    });
  });

  afterAll(async () => {
    app.child.kill('SIGTERM');
    await app.exited();
    await cloudinary.close();
  });

  it('keeps the process’s memory flat while a 150 MB file passes through to Cloudinary', async () => {
    const pid = app.child.pid ?? 0;
    const user = await registerUser(app);
    const send = (size: number) =>
      streamUpload({
        url: app.url,
        accessToken: user.accessToken,
        filename: 'archive.pdf',
        contentType: 'application/pdf',
        head: Buffer.from('%PDF-1.7\n'),
        size,
      });
    // Warm up: the first uploads load the SDK, busboy and the model, and let V8's young generation grow to
    // its size under this allocation rate; the process also keeps memory freed since its start (ts-node's
    // compilation) which new allocations reuse before RSS grows. Measured from here, a streamed upload
    // adds next to nothing, whereas one held whole adds its size less what little slack is left.
    expect((await send(64 * MiB)).status).toBe(201);
    const before = memoryOf(pid);
    // Writing 5 resets VmHWM to the current RSS, so the peak below is this upload's.
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    let sampled = before.rss;
    const sampler = setInterval(() => (sampled = Math.max(sampled, memoryOf(pid).rss)), 25);
    try {
      const res = await send(FILE_BYTES);
      expect(res).toMatchObject({ status: 201, body: { kind: 'file', size: FILE_BYTES } });
    } finally {
      clearInterval(sampler);
    }
    const peak = Math.max(memoryOf(pid).peak, sampled);
    expect(peak - before.rss).toBeLessThan(GROWTH_BOUND);
    const stored = [...cloudinary.assets.values()].find((asset) => asset.bytes === FILE_BYTES);
    expect(stored).toBeDefined();
    cloudinary.assets.clear();
  }, 180_000);
});
