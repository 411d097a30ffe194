/**
 * The cluster query language (CQL) of ECS memberOf constraints, as a syntax tree.
 *
 *   expression := or
 *   or         := and (("||" | "or") and)*
 *   and        := unary (("&&" | "and") unary)*
 *   unary      := ("!" | "not") unary | "(" or ")" | comparison
 *   comparison := subject operator [argument | "[" argument ("," argument)* "]"]
 */
export type Subject =
  | { kind: "attribute"; name: string }
  | { kind: "ec2InstanceId" }
  | { kind: "agentConnected" }
  | { kind: "agentVersion" }
  | { kind: "registeredAt" }
  | { kind: "runningTasksCount" }
  | { kind: "taskGroup" };

export type Operator =
  | "=="
  | "!="
  | ">"
  | ">="
  | "<"
  | "<="
  | "exists"
  | "!exists"
  | "in"
  | "!in"
  | "=~"
  | "!~";

export type Expression =
  | { kind: "and"; left: Expression; right: Expression }
  | { kind: "or"; left: Expression; right: Expression }
  | { kind: "not"; operand: Expression }
  | { kind: "compare"; subject: Subject; op: Operator; args: string[]; column: number };

/** True when the expression reads state that placements change (task groups, running task counts). */
export function isDynamic(e: Expression): boolean {
  switch (e.kind) {
    case "and":
    case "or":
      return isDynamic(e.left) || isDynamic(e.right);
    case "not":
      return isDynamic(e.operand);
    case "compare":
      return e.subject.kind === "taskGroup" || e.subject.kind === "runningTasksCount";
  }
}

/** True when the expression mentions task:group (a placement can make another instance feasible). */
export function readsTaskGroups(e: Expression): boolean {
  switch (e.kind) {
    case "and":
    case "or":
      return readsTaskGroups(e.left) || readsTaskGroups(e.right);
    case "not":
      return readsTaskGroups(e.operand);
    case "compare":
      return e.subject.kind === "taskGroup";
  }
}
