/**
 * Container instances of one cluster, as parallel typed arrays indexed by an integer instance id.
 *
 * Registered and remaining resources per instance: CPU units, memory MiB, GPUs, task ENIs, dynamic host
 * ports and static host ports. Static ports are tracked only for the ports some task definition of the
 * scenario can ask for (the "port universe"), one byte per (instance, port), so checking a port is O(1)
 * and memory stays at instances x |ports| bytes.
 *
 * The cluster holds no policy: it answers "does this shape fit on instance i, and if not why" and applies
 * reservations and releases.
 */
import { grown } from "../core/growable.ts";
import { awsId, instanceId, trunkEniId } from "./aws-ids.ts";
import type { InstanceType } from "./instance-types.ts";
import type { TaskShape } from "./task-definition.ts";

/** Ports the ECS agent reserves on every instance (ecs-semantics: 22, 2375, 2376, 51678, 51679, 51680). */
export const AGENT_RESERVED_PORTS = [22, 2375, 2376, 51678, 51679, 51680];
/** Agent version of instances whose group states none (cluster query subject agentVersion). */
export const DEFAULT_AGENT_VERSION = "1.87.0";
/** At most this many reserved (static) ports per instance; dynamic ports do not count. */
export const MAX_RESERVED_PORTS = 100;
/** Default ephemeral range 49153-65535 used for dynamic host ports. */
export const EPHEMERAL_PORTS = 65535 - 49153 + 1;

export enum InstanceStatus {
  Gone = 0,
  Active = 1,
  Draining = 2,
  /** Launched and paid for, not yet taking tasks (launch delay + warm-up). */
  Launching = 3,
  /** Fargate capacity of one task: holds that task, never a placement candidate. */
  Dedicated = 4,
}

/** Why a shape does not fit an instance. Order = the order checks run in. */
export enum Misfit {
  None = 0,
  Cpu = 1,
  Memory = 2,
  Gpu = 3,
  Eni = 4,
  Ports = 5,
  NotActive = 6,
}

export const MISFIT_REASON = [
  "",
  "RESOURCE:CPU",
  "RESOURCE:MEMORY",
  "RESOURCE:GPU",
  "RESOURCE:ENI",
  "RESOURCE:PORTS",
  "INSTANCE:INACTIVE",
];

/**
 * GPU sharing (beyond ECS, for GPU-sharing traces such as Alibaba's openb): a task with gpuMilli takes that
 * share (1/1000) of ONE GPU. Each instance has GPU_SLOTS slots holding the free share of a GPU in shared use
 * (SHARE_IDLE when the slot is not in use). A share goes to the slot in use with the least free share that
 * holds it (best fit, lowest slot on ties), else opens a whole free GPU (freeGpu - 1); a GPU whose shares are
 * all released is whole again (freeGpu + 1). Whole-GPU tasks only count freeGpu, so the two never mix on
 * one GPU. At most GPU_SLOTS GPUs of an instance are shared at once.
 */
export const GPU_SLOTS = 8;
export const SHARE_IDLE = 1000;

/** A task shape resolved against one cluster's port universe. */
export interface PlacementShape extends TaskShape {
  index: number;
  staticPortIds: Int32Array;
}

export class Cluster {
  readonly types: InstanceType[] = [];
  readonly zones: string[] = [];
  /** Each zone's subnet id (attribute ecs.subnet-id), by zone index. */
  private readonly subnetIds: string[] = [];
  readonly ports: string[];
  private readonly portIds = new Map<string, number>();
  private readonly reservedPortIds: number[] = [];
  private readonly reservedPortCount = AGENT_RESERVED_PORTS.length;

  count = 0;
  ids: string[] = [];
  attributes: Map<string, string>[] = [];
  agentVersions: string[] = [];
  typeOf = new Int32Array(16);
  zoneOf = new Int32Array(16);
  status = new Uint8Array(16);
  registeredAt = new Float64Array(16);
  regCpu = new Int32Array(16);
  regMemory = new Int32Array(16);
  regGpu = new Int32Array(16);
  regEni = new Int32Array(16);
  freeCpu = new Int32Array(16);
  freeMemory = new Int32Array(16);
  freeGpu = new Int32Array(16);
  freeEni = new Int32Array(16);
  /** Free share (1/1000) of each shared GPU slot, GPU_SLOTS per instance; SHARE_IDLE: slot not in use. */
  gpuShareFree = new Int32Array(16 * GPU_SLOTS).fill(SHARE_IDLE);
  freeDynamicPorts = new Int32Array(16);
  staticPortsInUse = new Int32Array(16);
  runningTasks = new Int32Array(16);
  portUsed = new Uint8Array(16);
  /**
   * Called with an instance id after its free resources, task count or status changed (and when it is
   * added). Indexes over instances (src/placement/index/) subscribe here; status changes go through
   * setStatus, and code that changes an instance outside reserve/release/addInstance/setStatus must call
   * changed(i).
   */
  readonly onChange: ((i: number) => void)[] = [];
  /** Counts changed(i) calls: equal versions mean no instance changed in between (placer.ts caches on it). */
  version = 0;
  /**
   * Counts addInstance and setStatus calls: equal values mean no instance was added and no status changed in
   * between, so every instance's status and registered capacities are as they were (PackingBound caches on
   * it). Code that writes `status` or the `reg*` columns directly must bump it too.
   */
  statusVersion = 0;

  constructor(
    portUniverse: Iterable<string>,
    readonly awsvpcTrunking = false,
  ) {
    const ports = new Set(portUniverse);
    for (const p of AGENT_RESERVED_PORTS) ports.add(`${p}/tcp`);
    this.ports = [...ports].sort();
    this.ports.forEach((p, i) => this.portIds.set(p, i));
    for (const p of AGENT_RESERVED_PORTS) this.reservedPortIds.push(this.portIds.get(`${p}/tcp`)!);
    this.portUsed = new Uint8Array(16 * this.ports.length);
  }

  portId(key: string): number {
    const id = this.portIds.get(key);
    if (id === undefined) throw new Error(`port ${key} is not in this cluster's port universe`);
    return id;
  }

  resolveShape(shape: TaskShape, index: number): PlacementShape {
    return { ...shape, index, staticPortIds: Int32Array.from(shape.staticPorts, (p) => this.portId(p)) };
  }

  zoneIndex(zone: string): number {
    let z = this.zones.indexOf(zone);
    if (z < 0) z = this.zones.push(zone) - 1;
    return z;
  }

  /** Registers a new ACTIVE instance and returns its integer id. */
  addInstance(
    type: InstanceType,
    typeIndex: number,
    zone: string,
    attrs: Record<string, string>,
    time: number,
    agentVersion = DEFAULT_AGENT_VERSION,
  ): number {
    if (this.count === this.typeOf.length) this.grow();
    const i = this.count++;
    this.types[typeIndex] = type;
    this.ids.push(instanceId(i));
    // Built-in attributes (ECS: ecs.availability-zone, ecs.instance-type, ecs.os-type, ecs.os-family,
    // ecs.cpu-architecture, ecs.ami-id, ecs.vpc-id, ecs.subnet-id). The group's attributes may set the OS,
    // AMI, VPC and subnet; zone, type and architecture always come from the instance.
    // Set one by one (no entry arrays): a later key replaces the value and keeps the first one's place, as
    // the Map constructor does. The subnet id is derived once per zone.
    const z = this.zoneIndex(zone);
    const attributes = new Map<string, string>();
    attributes.set("ecs.os-type", "linux");
    attributes.set("ecs.os-family", "LINUX");
    if (this.subnetIds[z] === undefined) this.subnetIds[z] = awsId("subnet", zone);
    attributes.set("ecs.subnet-id", this.subnetIds[z]!);
    for (const [key, value] of Object.entries(attrs)) attributes.set(key, value);
    attributes.set("ecs.availability-zone", zone);
    attributes.set("ecs.instance-type", type.name);
    attributes.set("ecs.cpu-architecture", type.architecture);
    this.attributes.push(attributes);
    // ECS sets this optional attribute on instances with a trunk interface (ENI trunking).
    if (this.awsvpcTrunking && type.trunkEniTasks !== undefined)
      this.attributes[i]!.set("ecs.awsvpc-trunk-id", trunkEniId(i));
    this.agentVersions.push(agentVersion);
    this.typeOf[i] = typeIndex;
    this.zoneOf[i] = z;
    this.status[i] = InstanceStatus.Active;
    this.registeredAt[i] = time;
    const enis =
      this.awsvpcTrunking && type.trunkEniTasks !== undefined
        ? type.trunkEniTasks
        : Math.max(0, type.enis - 1);
    this.regCpu[i] = this.freeCpu[i] = type.cpu;
    this.regMemory[i] = this.freeMemory[i] = type.memory;
    this.regGpu[i] = this.freeGpu[i] = type.gpu;
    this.gpuShareFree.fill(SHARE_IDLE, i * GPU_SLOTS, (i + 1) * GPU_SLOTS);
    this.regEni[i] = this.freeEni[i] = enis;
    this.freeDynamicPorts[i] = EPHEMERAL_PORTS;
    this.staticPortsInUse[i] = this.reservedPortCount;
    this.runningTasks[i] = 0;
    const base = i * this.ports.length;
    for (const p of this.reservedPortIds) this.portUsed[base + p] = 1;
    this.statusVersion++;
    this.changed(i);
    return i;
  }

  /** The one way to change an instance's status: sets it and tells the subscribed indexes. */
  setStatus(i: number, status: InstanceStatus): void {
    this.status[i] = status;
    this.statusVersion++;
    this.changed(i);
  }

  /** Tells the subscribed indexes that instance i changed. */
  changed(i: number): void {
    this.version++;
    for (let k = 0; k < this.onChange.length; k++) this.onChange[k]!(i);
  }

  /** Misfit.None when the shape fits instance i now, else the first check that fails. */
  misfit(shape: PlacementShape, i: number): Misfit {
    if (this.status[i] !== InstanceStatus.Active) return Misfit.NotActive;
    if (this.freeCpu[i]! < shape.cpu) return Misfit.Cpu;
    if (this.freeMemory[i]! < shape.memory) return Misfit.Memory;
    if (this.freeGpu[i]! < shape.gpu) return Misfit.Gpu;
    if (shape.gpuMilli && this.shareSlot(shape.gpuMilli, i) < 0) return Misfit.Gpu;
    if (this.freeEni[i]! < shape.eni) return Misfit.Eni;
    const ids = shape.staticPortIds;
    if (ids.length > 0) {
      if (this.staticPortsInUse[i]! + ids.length > MAX_RESERVED_PORTS) return Misfit.Ports;
      const base = i * this.ports.length;
      for (let k = 0; k < ids.length; k++) if (this.portUsed[base + ids[k]!] === 1) return Misfit.Ports;
    }
    if (this.freeDynamicPorts[i]! < shape.dynamicPorts) return Misfit.Ports;
    return Misfit.None;
  }

  /** Reserves the shape on instance i; returns the shared GPU slot it took, or -1 (no GPU share). */
  reserve(shape: PlacementShape, i: number): number {
    let slot = -1;
    if (shape.gpuMilli) {
      slot = this.shareSlot(shape.gpuMilli, i);
      if (slot >= 0) {
        const k = i * GPU_SLOTS + slot;
        if (this.gpuShareFree[k] === SHARE_IDLE) this.freeGpu[i]!--;
        this.gpuShareFree[k]! -= shape.gpuMilli;
      }
    }
    this.apply(shape, i, -1);
    return slot;
  }

  /** Releases what reserve took; `slot` is what reserve returned. */
  release(shape: PlacementShape, i: number, slot = -1): void {
    if (shape.gpuMilli && slot >= 0) {
      const k = i * GPU_SLOTS + slot;
      this.gpuShareFree[k]! += shape.gpuMilli;
      if (this.gpuShareFree[k] === SHARE_IDLE) this.freeGpu[i]!++;
    }
    this.apply(shape, i, 1);
  }

  /** The GPU slot a share of `milli` would take on instance i (see GPU_SLOTS), or -1 when none holds it. */
  shareSlot(milli: number, i: number): number {
    const base = i * GPU_SLOTS;
    let best = -1;
    let bestFree = SHARE_IDLE;
    let idle = -1;
    const slots = Math.min(GPU_SLOTS, this.regGpu[i]!);
    for (let s = 0; s < slots; s++) {
      const free = this.gpuShareFree[base + s]!;
      if (free === SHARE_IDLE) {
        if (idle < 0) idle = s;
      } else if (free >= milli && free < bestFree) {
        best = s;
        bestFree = free;
      }
    }
    if (best >= 0) return best;
    return idle >= 0 && this.freeGpu[i]! > 0 ? idle : -1;
  }

  private apply(shape: PlacementShape, i: number, sign: 1 | -1): void {
    this.freeCpu[i]! += sign * shape.cpu;
    this.freeMemory[i]! += sign * shape.memory;
    this.freeGpu[i]! += sign * shape.gpu;
    this.freeEni[i]! += sign * shape.eni;
    this.freeDynamicPorts[i]! += sign * shape.dynamicPorts;
    this.runningTasks[i]! -= sign;
    const ids = shape.staticPortIds;
    if (ids.length > 0) {
      this.staticPortsInUse[i]! -= sign * ids.length;
      const base = i * this.ports.length;
      const used = sign === -1 ? 1 : 0;
      for (let k = 0; k < ids.length; k++) this.portUsed[base + ids[k]!] = used;
    }
    this.changed(i);
  }

  private grow(): void {
    const cap = this.typeOf.length * 2;
    this.typeOf = grown(this.typeOf, cap);
    this.zoneOf = grown(this.zoneOf, cap);
    this.regCpu = grown(this.regCpu, cap);
    this.regMemory = grown(this.regMemory, cap);
    this.regGpu = grown(this.regGpu, cap);
    this.regEni = grown(this.regEni, cap);
    this.freeCpu = grown(this.freeCpu, cap);
    this.freeMemory = grown(this.freeMemory, cap);
    this.freeGpu = grown(this.freeGpu, cap);
    this.freeEni = grown(this.freeEni, cap);
    this.gpuShareFree = grown(this.gpuShareFree, cap * GPU_SLOTS);
    this.freeDynamicPorts = grown(this.freeDynamicPorts, cap);
    this.staticPortsInUse = grown(this.staticPortsInUse, cap);
    this.runningTasks = grown(this.runningTasks, cap);
    this.status = grown(this.status, cap);
    this.registeredAt = grown(this.registeredAt, cap);
    this.portUsed = grown(this.portUsed, cap * this.ports.length);
  }
}
