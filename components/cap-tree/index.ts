export { CapTree, newCap, type CapTreeProps } from "./cap-tree";
export { CapFill } from "./cap-fill";
export { flatten, build, capMoves, project, drop } from "./tree";
