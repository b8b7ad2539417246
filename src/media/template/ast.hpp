#pragma once

#include "media/template/value.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace quire::media::tmpl {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

/// `name=value` in a filter or call argument list.
struct NamedArg {
  std::string name;
  ExprPtr value;
};

struct Arguments {
  std::vector<ExprPtr> positional;
  std::vector<NamedArg> named;
};

/// One expression node. A closed set of kinds keeps evaluation a single switch.
struct Expr {
  enum class Kind {
    literal,      ///< `value`
    name,         ///< `text`
    list,         ///< `[operands...]` or `(a, b)`
    dict,         ///< `{operands[0]: operands[1], ...}` (pairs)
    attribute,    ///< `operands[0].text`
    item,         ///< `operands[0][operands[1]]`
    slice,        ///< `operands[0][operands[1]:operands[2]]`; missing bounds are null
    call,         ///< `operands[0](arguments)`
    filter,       ///< `operands[0] | text(arguments)`
    test,         ///< `operands[0] is [not] text(arguments)`; `negated`
    unary,        ///< `text` in {"not", "-", "+"} applied to `operands[0]`
    binary,       ///< `operands[0] text operands[1]`, including `and`, `or`, `in`, `not in`
    compare,      ///< chained comparison: operands with `ops` between them
    conditional,  ///< `operands[0] if operands[1] else operands[2]` (else may be null)
  };

  Kind kind = Kind::literal;
  Value value;
  std::string text;
  std::vector<ExprPtr> operands;
  std::vector<std::string> ops;
  Arguments arguments;
  bool negated = false;
  std::size_t offset = 0;  ///< position in the template source, for messages
};

struct Node;
using NodeList = std::vector<std::unique_ptr<Node>>;

/// One statement node of a parsed template.
struct Node {
  enum class Kind {
    text,    ///< literal output `text`
    output,  ///< `{{ expression }}`
    branch,  ///< if / elif / else: `conditions[i]` guards `bodies[i]`; an extra body is else
    loop,    ///< `for targets in expression`: `bodies[0]`, optional else `bodies[1]`
    assign,  ///< `set targets[0] = expression`
    brk,     ///< `break`
    cont,    ///< `continue`
  };

  Kind kind = Kind::text;
  std::string text;
  ExprPtr expression;
  std::vector<ExprPtr> conditions;
  std::vector<NodeList> bodies;
  std::vector<std::string> targets;
};

}  // namespace quire::media::tmpl
