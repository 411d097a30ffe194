/**
 * Resource ids in the shape AWS prints them (prefix + 17 lower-case hex digits), derived deterministically
 * from a name so the same scenario always shows the same ids. They are labels for attributes and logs, not
 * real resources.
 */

/** 64-bit FNV-1a of a string, as 16 hex digits. */
function fnv64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let k = 0; k < text.length; k++) {
    h ^= BigInt(text.charCodeAt(k));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, "0");
}

/** e.g. awsId("subnet", "us-east-1a") -> "subnet-0" + 16 hex digits. */
export function awsId(prefix: string, name: string): string {
  return `${prefix}-0${fnv64(`${prefix}/${name}`)}`;
}
