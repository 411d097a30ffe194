/**
 * The reference for the kernel benchmark: the plainest typed-array binary min-heap on event time, with one
 * integer payload and no tie-breaking. berth's EventQueue also orders ties by (priority, insertion), checks
 * its arguments and keeps two payload integers; the benchmark reports how much of this heap's speed it keeps.
 */
export class BareHeap {
  private times: Float64Array;
  private payloads: Int32Array;
  size = 0;
  time = 0;
  payload = 0;

  constructor(capacity: number) {
    this.times = new Float64Array(capacity);
    this.payloads = new Int32Array(capacity);
  }

  push(time: number, payload: number): void {
    const times = this.times;
    let hole = this.size++;
    while (hole > 0) {
      const parent = (hole - 1) >> 1;
      if (times[parent]! <= time) break;
      times[hole] = times[parent]!;
      this.payloads[hole] = this.payloads[parent]!;
      hole = parent;
    }
    times[hole] = time;
    this.payloads[hole] = payload;
  }

  pop(): void {
    const times = this.times;
    const payloads = this.payloads;
    this.time = times[0]!;
    this.payload = payloads[0]!;
    const last = --this.size;
    const time = times[last]!;
    const payload = payloads[last]!;
    let hole = 0;
    const half = last >> 1;
    while (hole < half) {
      let child = 2 * hole + 1;
      if (child + 1 < last && times[child + 1]! < times[child]!) child++;
      if (time <= times[child]!) break;
      times[hole] = times[child]!;
      payloads[hole] = payloads[child]!;
      hole = child;
    }
    times[hole] = time;
    payloads[hole] = payload;
  }
}
