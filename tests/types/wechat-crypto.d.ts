/** Types for the dev dependency wechat-crypto (node-webot's WXBizMsgCrypt), which ships none. */
declare module "wechat-crypto" {
  class WXBizMsgCrypt {
    constructor(token: string, encodingAESKey: string, id: string);
    getSignature(timestamp: string, nonce: string, encrypt: string): string;
    decrypt(text: string): { message: string; id: string };
    encrypt(text: string): string;
  }
  export = WXBizMsgCrypt;
}
