/** The `bencode` package ships no types; what Switchboard uses of it. */
declare module 'bencode' {
  const bencode: {
    encode(value: unknown): Uint8Array;
    decode(data: Uint8Array): unknown;
  };
  export default bencode;
}
