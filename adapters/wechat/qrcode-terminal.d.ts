declare module 'qrcode-terminal' {
  const qrcodeTerminal: {
    generate(text: string, options: { small?: boolean }, callback: (drawing: string) => void): void;
  };
  export default qrcodeTerminal;
}
