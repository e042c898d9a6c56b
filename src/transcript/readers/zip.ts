// ZIP archives (DOCX is one) read with a budget, and written back as plain stored archives.
//
// A DOCX is untrusted input: a few kilobytes can inflate to gigabytes (a zip bomb), and the archive's own size
// fields may lie. readZip inflates every entry with zlib's maxOutputLength, so no entry, and no sum of entries,
// ever grows past the budget, whatever the headers claim. writeZip then hands the converter a stored archive of
// exactly those bytes: what the converter inflates is what was measured.
import { inflateRawSync } from "node:zlib";

export class ZipError extends Error {
  override name = "ZipError";
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 10_000;

/** Every file entry of the archive, inflated; throws ZipError when it is malformed or inflates past `maxBytes` in all. */
export function readZip(bytes: Buffer, maxBytes: number): ZipEntry[] {
  const end = findEndOfCentralDirectory(bytes);
  const count = bytes.readUInt16LE(end + 10);
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new ZipError("ZIP64 archives are not read");
  if (count > MAX_ENTRIES) throw new ZipError(`it holds ${count} entries (more than ${MAX_ENTRIES})`);
  if (directoryOffset + directorySize > bytes.length) throw new ZipError("its central directory lies outside the file");
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) throw new ZipError("its central directory is damaged");
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    const name = bytes.toString(flags & 0x800 ? "utf8" : "latin1", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith("/")) continue; // a folder
    if (flags & 0x1) throw new ZipError("it is encrypted");
    if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== LOCAL) throw new ZipError(`entry ${name} is damaged`);
    const dataStart = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > bytes.length) throw new ZipError(`entry ${name} runs past the end of the file`);
    const raw = bytes.subarray(dataStart, dataStart + compressedSize);
    const room = maxBytes - total;
    let data: Buffer;
    if (method === 0) {
      data = raw;
    } else if (method === 8) {
      try {
        // One byte more than the room left: an entry that fills it exactly is fine, one byte past it is not.
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, room + 1) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) throw tooLarge(maxBytes);
        throw new ZipError(`entry ${name} cannot be inflated`);
      }
    } else {
      throw new ZipError(`entry ${name} uses compression method ${method}`);
    }
    total += data.length;
    if (total > maxBytes) throw tooLarge(maxBytes);
    entries.push({ name, data });
  }
  return entries;
}

function tooLarge(maxBytes: number): ZipError {
  return new ZipError(`it inflates to more than ${Math.round(maxBytes / (1024 * 1024))} MB (a zip bomb, or raise MAX_TRANSCRIPT_MB)`);
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  // The record is 22 bytes, followed by a comment of up to 65,535 bytes.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  throw new ZipError("it is not a ZIP archive (a DOCX is one)");
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A stored (uncompressed) archive of `entries`, or deflated ones when `deflate` is given (fixtures). */
export function writeZip(entries: readonly ZipEntry[], deflate?: (data: Buffer) => Buffer): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const packed = deflate ? deflate(entry.data) : entry.data;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
