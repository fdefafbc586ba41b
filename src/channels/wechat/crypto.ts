/**
 * Safe-mode message encryption (消息加解密说明): AES-256-CBC with the key Base64(EncodingAESKey + "="),
 * the first 16 bytes of the key as IV, PKCS#7 padding to 32-byte blocks (not AES's 16: a quirk of
 * WeChat's reference SDK that every implementation copies), over
 * 16 random bytes + message length (4 bytes, big-endian) + message + AppID.
 *
 * Node's crypto does the AES; padding is ours because Node's automatic padding uses 16-byte blocks.
 * Decryption is strict about padding and lengths. Callers must check `msg_signature` first: it is
 * the only thing that authenticates the ciphertext (CBC has no integrity of its own).
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { WechatConfigError, WechatRequestError } from "./errors.js";

/** WeChat pads to 32-byte blocks, though AES blocks are 16 bytes. */
const PAD_BLOCK = 32;
const RANDOM_BYTES = 16;
const LENGTH_BYTES = 4;

/** Encrypts and decrypts the Encrypt field of one Official Account. */
export interface WechatCipher {
  /** The AppID this cipher writes into replies and requires in messages. */
  readonly appId: string;
  /** Base64 ciphertext of `message` (`random` fixes the 16 random bytes, for tests). */
  encrypt(message: string, random?: Buffer): string;
  /**
   * The message inside a Base64 ciphertext.
   * @throws WechatRequestError WECHAT_DECRYPT when it does not decrypt, WECHAT_APP_ID when it
   *   names another AppID.
   */
  decrypt(encrypted: string): string;
}

/**
 * A cipher for the EncodingAESKey (43 characters, from the admin page) and AppID of an account.
 * @throws WechatConfigError when the key is not 43 Base64 characters or the AppID is empty.
 */
export function createWechatCipher(encodingAESKey: string, appId: string): WechatCipher {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAESKey)) {
    throw new WechatConfigError(
      "WECHAT_ENCODING_AES_KEY must be the 43-character EncodingAESKey from the Official Account admin page (开发 → 基本配置)",
    );
  }
  if (appId.trim() === "") {
    throw new WechatConfigError(
      "safe mode needs WECHAT_APP_ID: copy the AppID from the admin page (开发 → 基本配置)",
    );
  }
  // 43 Base64 characters + "=" decode to exactly 32 bytes: an AES-256 key.
  const key = Buffer.from(`${encodingAESKey}=`, "base64");
  const iv = key.subarray(0, 16);
  const appIdBytes = Buffer.from(appId, "utf8");

  return {
    appId,
    encrypt(message, random = randomBytes(RANDOM_BYTES)) {
      if (random.length !== RANDOM_BYTES) throw new RangeError("random must be 16 bytes");
      const body = Buffer.from(message, "utf8");
      const length = Buffer.alloc(LENGTH_BYTES);
      length.writeUInt32BE(body.length, 0);
      const plain = pkcs7Pad(Buffer.concat([random, length, body, appIdBytes]));
      const cipher = createCipheriv("aes-256-cbc", key, iv);
      cipher.setAutoPadding(false);
      return Buffer.concat([cipher.update(plain), cipher.final()]).toString("base64");
    },
    decrypt(encrypted) {
      const data = /^[A-Za-z0-9+/]+={0,2}$/.test(encrypted) ? Buffer.from(encrypted, "base64") : undefined;
      if (!data || data.length === 0 || data.length % PAD_BLOCK !== 0) {
        throw undecryptable("the Encrypt field is not Base64 of whole 32-byte blocks");
      }
      const decipher = createDecipheriv("aes-256-cbc", key, iv);
      decipher.setAutoPadding(false);
      const plain = pkcs7Unpad(Buffer.concat([decipher.update(data), decipher.final()]));
      if (!plain || plain.length < RANDOM_BYTES + LENGTH_BYTES) throw undecryptable("bad padding");
      const size = plain.readUInt32BE(RANDOM_BYTES);
      const start = RANDOM_BYTES + LENGTH_BYTES;
      if (start + size > plain.length) throw undecryptable("the message length exceeds the data");
      const id = plain.subarray(start + size);
      if (!id.equals(appIdBytes)) {
        throw new WechatRequestError(
          "WECHAT_APP_ID",
          "the message is for another AppID: set WECHAT_APP_ID to this Official Account's AppID",
        );
      }
      return plain.subarray(start, start + size).toString("utf8");
    },
  };
}

function undecryptable(why: string): WechatRequestError {
  return new WechatRequestError(
    "WECHAT_DECRYPT",
    `cannot decrypt the message (${why}): check that WECHAT_ENCODING_AES_KEY matches the admin page`,
  );
}

/** Pads to a multiple of 32 bytes with 1–32 bytes each holding the pad length. */
function pkcs7Pad(data: Buffer): Buffer {
  const n = PAD_BLOCK - (data.length % PAD_BLOCK);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

/** Removes the padding, or undefined when it is not valid PKCS#7 to 32-byte blocks. */
function pkcs7Unpad(data: Buffer): Buffer | undefined {
  const n = data[data.length - 1];
  if (n === undefined || n < 1 || n > PAD_BLOCK || n > data.length) return undefined;
  for (let i = data.length - n; i < data.length; i++) if (data[i] !== n) return undefined;
  return data.subarray(0, data.length - n);
}
