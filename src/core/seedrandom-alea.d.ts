/** seedrandom's Alea generator on its own (src/core/random.ts): the same function as `seedrandom.alea`. */
declare module "seedrandom/lib/alea.js" {
  const alea: (seed: string) => () => number;
  export default alea;
}
