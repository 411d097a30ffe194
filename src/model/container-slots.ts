/**
 * Containers of one task are addressed as taskId * CONTAINER_SLOTS + container index (one integer per
 * container, e.g. in CONTAINER_FAIL events), so failures are modelled for tasks of at most this many
 * containers; compile rejects a failure process on a larger task.
 */
export const CONTAINER_SLOTS = 16;
