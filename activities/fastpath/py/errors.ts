// Stand-ins for the Python exceptions the original raises. Any PyError that escapes a scorer
// means "the original logged an exception and wrote no row".
export class PyError extends Error {
  constructor(
    readonly pyType: string,
    message: string,
  ) {
    super(`${pyType}: ${message}`);
    this.name = 'PyError';
  }
}

// binascii.Error: the only exception web_connectivity catches (bad base64 padding).
export class Base64Error extends PyError {
  constructor(message: string) {
    super('binascii.Error', message);
    this.name = 'Base64Error';
  }
}
