/**
 * The hand-checked cluster shared by the best-fit, worst-fit, best-fit-l2 and tetris tests of 4096-unit / 8192-MiB
 * instances, task 512 units / 1024 MiB (normalized demand 0.125, 0.125):
 *   A: free 2560 / 5120 -> leftover (0.5, 0.5):   sum 1.0,   L2 0.7071, alignment 0.125*0.625*2 = 0.15625
 *   B: free 4096 / 1024 -> leftover (0.875, 0):   sum 0.875, L2 0.875,  alignment 0.125*1 + 0.125*0.125 = 0.140625
 *   C: empty            -> leftover (0.875, 0.875): sum 1.75, L2 1.2374, alignment 0.25
 */
import { instanceType, leaveFree, testCluster } from "../fixtures.ts";

export const big = instanceType("x.big", 4096, 8192);

/** A, B and (withEmpty) C of the table above. */
export function fitCluster(withEmpty: boolean) {
  const env = testCluster(
    withEmpty ? [{ type: big }, { type: big }, { type: big }] : [{ type: big }, { type: big }],
  );
  leaveFree(env, 0, 2560, 5120);
  leaveFree(env, 1, 4096, 1024);
  return env;
}
