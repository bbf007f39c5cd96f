import qrcodeTerminal from 'qrcode-terminal';
import { qrcodeValueToImageUrl, ScanStatus } from 'wechaty';
import type { Logger } from '../../src/log.ts';

/** The login QR code: drawn in the terminal and logged as a link for a headless server. */
export function showLoginQr(log: Logger, qrcode: string, status: ScanStatus): void {
  if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) {
    log.info({ status: ScanStatus[status] }, 'WeChat login QR code scanned');
    return;
  }
  qrcodeTerminal.generate(qrcode, { small: true }, (drawing) => process.stderr.write(`${drawing}\n`));
  log.info({ url: qrcodeValueToImageUrl(qrcode) }, 'scan this QR code with the WeChat app to log in');
}
