#include "media/template/template.hpp"

#include "media/template/ast.hpp"
#include "media/template/filters.hpp"
#include "media/template/parser.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace quire::media::tmpl {

struct Template::Body {
  NodeList nodes;
};

namespace {

tl::unexpected<Error> render_error(std::string message) {
  return fail(ErrorCode::invalid_argument, std::move(message));
}

enum class Flow { normal, brk, cont };

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t quotient = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? quotient - 1 : quotient;
}

double as_double(const Value& v) {
  if (v.holds<double>()) return v.as<double>();
  if (v.holds<bool>()) return v.as<bool>() ? 1.0 : 0.0;
  return static_cast<double>(v.as<std::int64_t>());
}

std::int64_t as_int(const Value& v) {
  return v.holds<bool>() ? (v.as<bool>() ? 1 : 0) : v.as<std::int64_t>();
}

bool both_int(const Value& a, const Value& b) { return !a.holds<double>() && !b.holds<double>(); }

/// Python-style index into a sequence of `size` elements; nullopt when out of range.
std::optional<std::size_t> normalise_index(std::int64_t index, std::size_t size) {
  const auto signed_size = static_cast<std::int64_t>(size);
  if (index < 0) index += signed_size;
  if (index < 0 || index >= signed_size) return std::nullopt;
  return static_cast<std::size_t>(index);
}

/// Walks the tree of one render, holding the variable scopes and the budgets.
class Renderer {
 public:
  Renderer(const Object& context, const TemplateLimits& limits)
      : m_limits(limits), m_filter_limits{limits.max_output_bytes} {
    m_scopes.push_back(context.fields);
  }

  Result<std::string> run(const NodeList& nodes) {
    auto flow = render_nodes(nodes);
    if (!flow) return fail(flow.error());
    return std::move(m_output);
  }

 private:
  using Scope = std::map<std::string, Value, std::less<>>;

  // --- statements -------------------------------------------------------------------------

  Result<Flow> render_nodes(const NodeList& nodes) {
    for (const auto& node : nodes) {
      auto flow = render_node(*node);
      if (!flow || *flow != Flow::normal) return flow;
    }
    return Flow::normal;
  }

  Result<Flow> render_node(const Node& node) {
    switch (node.kind) {
      case Node::Kind::text:
        return emit(node.text);
      case Node::Kind::output: {
        auto value = eval(*node.expression);
        if (!value) return fail(value.error());
        auto text = to_text(*value);
        if (!text) return fail(text.error());
        return emit(*text);
      }
      case Node::Kind::branch:
        return render_branch(node);
      case Node::Kind::loop:
        return render_loop(node);
      case Node::Kind::assign: {
        auto value = eval(*node.expression);
        if (!value) return fail(value.error());
        m_scopes.back()[node.targets.front()] = std::move(*value);
        return Flow::normal;
      }
      case Node::Kind::brk:
        return Flow::brk;
      case Node::Kind::cont:
        return Flow::cont;
    }
    return render_error("unknown template node");
  }

  Result<Flow> emit(std::string_view text) {
    if (m_output.size() + text.size() > m_limits.max_output_bytes) {
      return render_error(
          fmt::format("template output exceeds {} bytes", m_limits.max_output_bytes));
    }
    m_output += text;
    return Flow::normal;
  }

  Result<Flow> render_branch(const Node& node) {
    for (std::size_t i = 0; i < node.conditions.size(); ++i) {
      auto value = eval(*node.conditions[i]);
      if (!value) return fail(value.error());
      auto truth = truthy(*value);
      if (!truth) return fail(truth.error());
      if (*truth) return render_nodes(node.bodies[i]);
    }
    if (node.bodies.size() > node.conditions.size()) return render_nodes(node.bodies.back());
    return Flow::normal;
  }

  Status bind_targets(Scope& scope, const std::vector<std::string>& targets, const Value& item) {
    if (targets.size() == 1) {
      scope[targets.front()] = item;
      return {};
    }
    const List* parts = item.list();
    if (parts == nullptr || parts->size() != targets.size()) {
      return render_error(
          fmt::format("cannot unpack {} into {} loop variables", repr(item), targets.size()));
    }
    for (std::size_t i = 0; i < targets.size(); ++i) scope[targets[i]] = (*parts)[i];
    return {};
  }

  Result<Flow> render_loop(const Node& node) {
    auto iterable = eval(*node.expression);
    if (!iterable) return fail(iterable.error());
    auto items = to_sequence(*iterable);
    if (!items) return fail(items.error());
    const auto length = static_cast<std::int64_t>(items->size());
    for (std::int64_t index = 0; index < length; ++index) {
      if (++m_iterations > m_limits.max_iterations) {
        return render_error(
            fmt::format("template loops exceed {} iterations", m_limits.max_iterations));
      }
      Scope scope;
      const Value& item = (*items)[static_cast<std::size_t>(index)];
      if (auto bound = bind_targets(scope, node.targets, item); !bound) return fail(bound.error());
      scope["loop"] = make_object({{"index", Value(index + 1)},
                                   {"index0", Value(index)},
                                   {"revindex", Value(length - index)},
                                   {"revindex0", Value(length - index - 1)},
                                   {"first", Value(index == 0)},
                                   {"last", Value(index == length - 1)},
                                   {"length", Value(length)}});
      m_scopes.push_back(std::move(scope));
      auto flow = render_nodes(node.bodies[0]);
      m_scopes.pop_back();
      if (!flow) return flow;
      if (*flow == Flow::brk) break;
    }
    if (items->empty() && node.bodies.size() > 1) return render_nodes(node.bodies[1]);
    return Flow::normal;
  }

  // --- expressions ------------------------------------------------------------------------

  Result<Value> eval(const Expr& expr) {
    // A long operator chain parses into a deep tree; bound the recursion it causes.
    if (++m_eval_depth > k_max_eval_depth) {
      --m_eval_depth;
      return render_error("template expression nested too deeply");
    }
    auto result = eval_node(expr);
    --m_eval_depth;
    return result;
  }

  Result<Value> eval_node(const Expr& expr) {
    switch (expr.kind) {
      case Expr::Kind::literal:
        return expr.value;
      case Expr::Kind::name:
        return lookup(expr.text);
      case Expr::Kind::list:
        return eval_list(expr);
      case Expr::Kind::dict:
        return eval_dict(expr);
      case Expr::Kind::attribute:
        return eval_attribute(expr);
      case Expr::Kind::item:
        return eval_item(expr);
      case Expr::Kind::slice:
        return eval_slice(expr);
      case Expr::Kind::call:
        return eval_call(expr);
      case Expr::Kind::filter:
        return eval_filter(expr);
      case Expr::Kind::test:
        return eval_test(expr);
      case Expr::Kind::unary:
        return eval_unary(expr);
      case Expr::Kind::binary:
        return eval_binary(expr);
      case Expr::Kind::compare:
        return eval_compare(expr);
      case Expr::Kind::conditional:
        return eval_conditional(expr);
    }
    return render_error("unknown template expression");
  }

  Value lookup(const std::string& name) const {
    for (auto scope = m_scopes.rbegin(); scope != m_scopes.rend(); ++scope) {
      const auto found = scope->find(name);
      if (found != scope->end()) return found->second;
    }
    return Value(Undefined{fmt::format("'{}' is undefined", name)});
  }

  Result<List> eval_all(const std::vector<ExprPtr>& exprs) {
    List values;
    for (const auto& expr : exprs) {
      auto value = eval(*expr);
      if (!value) return fail(value.error());
      values.push_back(std::move(*value));
    }
    return values;
  }

  Result<Value> eval_list(const Expr& expr) {
    auto values = eval_all(expr.operands);
    if (!values) return fail(values.error());
    return Value(std::move(*values));
  }

  Result<Value> eval_dict(const Expr& expr) {
    auto values = eval_all(expr.operands);
    if (!values) return fail(values.error());
    Object object;
    for (std::size_t i = 0; i + 1 < values->size(); i += 2) {
      auto key = to_text((*values)[i]);
      if (!key) return fail(key.error());
      object.fields[*key] = (*values)[i + 1];
    }
    return Value(std::move(object));
  }

  static Status check_attribute_name(const Value& base, const std::string& name) {
    if (!name.starts_with('_')) return {};
    return render_error(
        fmt::format("access to attribute '{}' of '{}' object is unsafe", name, base.type_name()));
  }

  Result<Value> eval_attribute(const Expr& expr) {
    auto base = eval(*expr.operands[0]);
    if (!base) return base;
    if (base->is_undefined()) return fail(undefined_error(*base));
    if (auto safe = check_attribute_name(*base, expr.text); !safe) return fail(safe.error());
    if (const Object* object = base->object()) {
      const auto found = object->fields.find(expr.text);
      if (found != object->fields.end()) return found->second;
    }
    if (auto part = date_attribute(*base, expr.text)) return *part;
    if (const List* list = base->list()) {
      // Jinja falls back to item access: `list.0`.
      std::int64_t index = 0;
      const auto [end, error] =
          std::from_chars(expr.text.data(), expr.text.data() + expr.text.size(), index);
      if (error == std::errc{} && end == expr.text.data() + expr.text.size()) {
        if (const auto position = normalise_index(index, list->size())) return (*list)[*position];
      }
    }
    return Value(Undefined{fmt::format("'{} object' has no attribute '{}'",
                                       base->object() ? "dict" : base->type_name(), expr.text)});
  }

  Result<Value> eval_item(const Expr& expr) {
    auto base = eval(*expr.operands[0]);
    if (!base) return base;
    auto key = eval(*expr.operands[1]);
    if (!key) return key;
    if (base->is_undefined()) return fail(undefined_error(*base));
    if (key->is_undefined()) return fail(undefined_error(*key));
    if (const Object* object = base->object()) {
      if (key->holds<std::string>()) {
        if (auto safe = check_attribute_name(*base, key->as<std::string>()); !safe) {
          return fail(safe.error());
        }
        const auto found = object->fields.find(key->as<std::string>());
        if (found != object->fields.end()) return found->second;
      }
      return Value(Undefined{fmt::format("'dict object' has no attribute {}", repr(*key))});
    }
    if ((base->list() || base->holds<std::string>()) && key->is_number() && !key->holds<double>()) {
      auto items = to_sequence(*base);
      if (!items) return fail(items.error());
      if (const auto position = normalise_index(as_int(*key), items->size())) {
        return (*items)[*position];
      }
      return Value(Undefined{fmt::format("index {} out of range", repr(*key))});
    }
    return Value(
        Undefined{fmt::format("'{}' object has no element {}", base->type_name(), repr(*key))});
  }

  Result<Value> eval_slice(const Expr& expr) {
    auto base = eval(*expr.operands[0]);
    if (!base) return base;
    auto items = to_sequence(*base);
    if (!items) return fail(items.error());
    const auto size = static_cast<std::int64_t>(items->size());
    std::int64_t bounds[2] = {0, size};
    for (int i = 0; i < 2; ++i) {
      if (!expr.operands[static_cast<std::size_t>(i) + 1]) continue;
      auto bound = eval(*expr.operands[static_cast<std::size_t>(i) + 1]);
      if (!bound) return bound;
      if (bound->is_none()) continue;
      if (!bound->is_number() || bound->holds<double>()) {
        return render_error("slice indices must be integers or None");
      }
      std::int64_t value = as_int(*bound);
      if (value < 0) value += size;
      bounds[i] = std::clamp<std::int64_t>(value, 0, size);
    }
    List slice;
    for (std::int64_t i = bounds[0]; i < bounds[1]; ++i) {
      slice.push_back((*items)[static_cast<std::size_t>(i)]);
    }
    if (!base->holds<std::string>()) return Value(std::move(slice));
    std::string text;
    for (const Value& piece : slice) text += piece.as<std::string>();
    return Value(std::move(text));
  }

  Result<CallArgs> eval_arguments(const Arguments& arguments) {
    CallArgs args;
    auto positional = eval_all(arguments.positional);
    if (!positional) return fail(positional.error());
    args.positional = std::move(*positional);
    for (const auto& named : arguments.named) {
      auto value = eval(*named.value);
      if (!value) return fail(value.error());
      args.named[named.name] = std::move(*value);
    }
    return args;
  }

  Result<Value> eval_call(const Expr& expr) {
    const Expr& callee = *expr.operands[0];
    auto args = eval_arguments(expr.arguments);
    if (!args) return fail(args.error());
    if (callee.kind == Expr::Kind::attribute) {
      auto object = eval(*callee.operands[0]);
      if (!object) return object;
      if (auto safe = check_attribute_name(*object, callee.text); !safe) return fail(safe.error());
      return call_method(*object, callee.text, *args, m_filter_limits);
    }
    if (callee.kind == Expr::Kind::name && callee.text == "range" &&
        lookup("range").is_undefined()) {
      return make_range(*args);
    }
    auto target = eval(callee);
    if (!target) return target;
    if (target->is_undefined()) return fail(undefined_error(*target));
    return render_error(fmt::format("'{}' object is not callable", target->type_name()));
  }

  Result<Value> make_range(const CallArgs& args) {
    std::int64_t bounds[3] = {0, 0, 1};
    const std::size_t count = args.positional.size();
    if (count < 1 || count > 3) return render_error("range() expects 1 to 3 arguments");
    for (std::size_t i = 0; i < count; ++i) {
      const Value& bound = args.positional[i];
      if (!bound.is_number() || bound.holds<double>()) {
        return render_error("range() arguments must be integers");
      }
      bounds[count == 1 ? 1 : i] = as_int(bound);
    }
    if (bounds[2] == 0) return render_error("range() step must not be zero");
    const double length =
        std::ceil((static_cast<double>(bounds[1]) - static_cast<double>(bounds[0])) /
                  static_cast<double>(bounds[2]));
    if (length > static_cast<double>(m_limits.max_iterations)) {
      return render_error(fmt::format("range() of {} items exceeds the limit of {}", length,
                                      m_limits.max_iterations));
    }
    List numbers;
    for (std::int64_t n = bounds[0]; bounds[2] > 0 ? n < bounds[1] : n > bounds[1];
         n += bounds[2]) {
      numbers.emplace_back(n);
    }
    return Value(std::move(numbers));
  }

  Result<Value> eval_filter(const Expr& expr) {
    auto input = eval(*expr.operands[0]);
    if (!input) return input;
    auto args = eval_arguments(expr.arguments);
    if (!args) return fail(args.error());
    return apply_filter(expr.text, *input, *args, m_filter_limits);
  }

  Result<Value> eval_test(const Expr& expr) {
    auto input = eval(*expr.operands[0]);
    if (!input) return input;
    auto args = eval_arguments(expr.arguments);
    if (!args) return fail(args.error());
    auto result = apply_test(expr.text, *input, *args);
    if (!result) return fail(result.error());
    return Value(*result != expr.negated);
  }

  Result<Value> eval_unary(const Expr& expr) {
    auto operand = eval(*expr.operands[0]);
    if (!operand) return operand;
    if (expr.text == "not") {
      auto truth = truthy(*operand);
      if (!truth) return fail(truth.error());
      return Value(!*truth);
    }
    if (operand->is_undefined()) return fail(undefined_error(*operand));
    if (!operand->is_number()) {
      return render_error(
          fmt::format("bad operand type for unary {}: '{}'", expr.text, operand->type_name()));
    }
    if (expr.text == "+") return *operand;
    if (operand->holds<double>()) return Value(-operand->as<double>());
    const std::int64_t number = as_int(*operand);
    if (number == INT64_MIN) return render_error("integer overflow");
    return Value(-number);
  }

  Result<Value> eval_binary(const Expr& expr) {
    auto left = eval(*expr.operands[0]);
    if (!left) return left;
    if (expr.text == "and" || expr.text == "or") {
      auto truth = truthy(*left);
      if (!truth) return fail(truth.error());
      if (*truth == (expr.text == "or")) return left;
      return eval(*expr.operands[1]);
    }
    auto right = eval(*expr.operands[1]);
    if (!right) return right;
    if (left->is_undefined()) return fail(undefined_error(*left));
    if (right->is_undefined()) return fail(undefined_error(*right));
    if (expr.text == "~") return concat(*left, *right);
    return arithmetic(expr.text, *left, *right);
  }

  Result<Value> concat(const Value& left, const Value& right) {
    auto a = to_text(left);
    if (!a) return fail(a.error());
    auto b = to_text(right);
    if (!b) return fail(b.error());
    if (a->size() + b->size() > m_limits.max_output_bytes) {
      return render_error(
          fmt::format("template result exceeds {} bytes", m_limits.max_output_bytes));
    }
    return Value(*a + *b);
  }

  Result<Value> repeat(const Value& sequence, std::int64_t times) {
    if (times <= 0) return sequence.list() ? Value(List{}) : Value(std::string());
    if (const List* list = sequence.list()) {
      if (list->size() * static_cast<std::size_t>(times) > m_limits.max_iterations) {
        return render_error("list repetition exceeds the template limits");
      }
      List out;
      for (std::int64_t i = 0; i < times; ++i) out.insert(out.end(), list->begin(), list->end());
      return Value(std::move(out));
    }
    const std::string& text = sequence.as<std::string>();
    if (text.size() * static_cast<std::size_t>(times) > m_limits.max_output_bytes) {
      return render_error(
          fmt::format("template result exceeds {} bytes", m_limits.max_output_bytes));
    }
    std::string out;
    for (std::int64_t i = 0; i < times; ++i) out += text;
    return Value(std::move(out));
  }

  Result<Value> arithmetic(const std::string& op, const Value& left, const Value& right) {
    if (op == "+" && left.holds<std::string>() && right.holds<std::string>()) {
      return concat(left, right);
    }
    if (op == "+" && left.list() && right.list()) {
      List joined = *left.list();
      joined.insert(joined.end(), right.list()->begin(), right.list()->end());
      return Value(std::move(joined));
    }
    if (op == "*" && (left.holds<std::string>() || left.list()) && right.is_number() &&
        !right.holds<double>()) {
      return repeat(left, as_int(right));
    }
    if (op == "%" && left.holds<std::string>()) {
      CallArgs args;
      args.positional = right.list() ? *right.list() : List{right};
      return apply_filter("format", left, args, m_filter_limits);
    }
    if (!left.is_number() || !right.is_number()) {
      return render_error(fmt::format("unsupported operand type(s) for {}: '{}' and '{}'", op,
                                      left.type_name(), right.type_name()));
    }
    return numeric(op, left, right);
  }

  static Result<Value> numeric(const std::string& op, const Value& left, const Value& right) {
    const bool integers = both_int(left, right);
    if ((op == "/" || op == "//" || op == "%") && as_double(right) == 0.0) {
      return render_error("division by zero");
    }
    if (op == "/") return Value(as_double(left) / as_double(right));
    if (!integers) {
      const double a = as_double(left);
      const double b = as_double(right);
      if (op == "+") return Value(a + b);
      if (op == "-") return Value(a - b);
      if (op == "*") return Value(a * b);
      if (op == "//") return Value(std::floor(a / b));
      if (op == "%") return Value(a - b * std::floor(a / b));
      return Value(std::pow(a, b));
    }
    const std::int64_t a = as_int(left);
    const std::int64_t b = as_int(right);
    std::int64_t result = 0;
    bool overflow = false;
    if (op == "+") {
      overflow = __builtin_add_overflow(a, b, &result);
    } else if (op == "-") {
      overflow = __builtin_sub_overflow(a, b, &result);
    } else if (op == "*") {
      overflow = __builtin_mul_overflow(a, b, &result);
    } else if (op == "//") {
      if (a == INT64_MIN && b == -1) return render_error("integer overflow");
      result = floor_div(a, b);
    } else if (op == "%") {
      if (b == -1) return Value(std::int64_t{0});
      result = a - b * floor_div(a, b);
    } else {
      if (b < 0) return Value(std::pow(static_cast<double>(a), static_cast<double>(b)));
      result = 1;
      for (std::int64_t i = 0; i < b && !overflow; ++i) {
        overflow = __builtin_mul_overflow(result, a, &result);
        if (result == 0 || result == 1) break;
      }
    }
    if (overflow) return render_error(fmt::format("integer overflow in {} {} {}", a, op, b));
    return Value(result);
  }

  Result<bool> contains(const Value& container, const Value& item) {
    if (container.is_undefined()) return fail(undefined_error(container));
    if (item.is_undefined()) return fail(undefined_error(item));
    if (container.holds<std::string>()) {
      if (!item.holds<std::string>()) {
        return render_error(
            fmt::format("'in <string>' requires string as left operand, not {}", item.type_name()));
      }
      return container.as<std::string>().find(item.as<std::string>()) != std::string::npos;
    }
    if (const Object* object = container.object()) {
      return item.holds<std::string>() && object->fields.contains(item.as<std::string>());
    }
    if (const List* list = container.list()) {
      return std::any_of(list->begin(), list->end(),
                         [&](const Value& element) { return equals(element, item); });
    }
    return render_error(
        fmt::format("argument of type '{}' is not iterable", container.type_name()));
  }

  Result<bool> compare_pair(const std::string& op, const Value& a, const Value& b) {
    if (op == "==") return equals(a, b);
    if (op == "!=") return !equals(a, b);
    if (op == "in") return contains(b, a);
    if (op == "not in") {
      auto found = contains(b, a);
      if (!found) return found;
      return !*found;
    }
    if (a.is_undefined()) return fail(undefined_error(a));
    if (b.is_undefined()) return fail(undefined_error(b));
    int order = 0;
    if (a.is_number() && b.is_number()) {
      order = as_double(a) < as_double(b) ? -1 : as_double(a) > as_double(b) ? 1 : 0;
    } else if (a.holds<std::string>() && b.holds<std::string>()) {
      order = a.as<std::string>().compare(b.as<std::string>());
    } else if (a.holds<Date>() && b.holds<Date>()) {
      order = a.as<Date>() < b.as<Date>() ? -1 : a.as<Date>() > b.as<Date>() ? 1 : 0;
    } else {
      return render_error(fmt::format("'{}' not supported between instances of '{}' and '{}'", op,
                                      a.type_name(), b.type_name()));
    }
    if (op == "<") return order < 0;
    if (op == "<=") return order <= 0;
    if (op == ">") return order > 0;
    return order >= 0;
  }

  Result<Value> eval_compare(const Expr& expr) {
    auto left = eval(*expr.operands[0]);
    if (!left) return left;
    for (std::size_t i = 0; i < expr.ops.size(); ++i) {
      auto right = eval(*expr.operands[i + 1]);
      if (!right) return right;
      auto holds = compare_pair(expr.ops[i], *left, *right);
      if (!holds) return fail(holds.error());
      if (!*holds) return Value(false);
      left = std::move(right);
    }
    return Value(true);
  }

  Result<Value> eval_conditional(const Expr& expr) {
    auto condition = eval(*expr.operands[1]);
    if (!condition) return condition;
    auto truth = truthy(*condition);
    if (!truth) return fail(truth.error());
    if (*truth) return eval(*expr.operands[0]);
    if (!expr.operands[2]) return Value(Undefined{"the inline if expression had no else"});
    return eval(*expr.operands[2]);
  }

  static constexpr int k_max_eval_depth = 1000;

  const TemplateLimits& m_limits;
  FilterLimits m_filter_limits;
  std::vector<Scope> m_scopes;
  std::string m_output;
  std::size_t m_iterations = 0;
  int m_eval_depth = 0;
};

}  // namespace

Template::Template(std::unique_ptr<Body> body, const TemplateLimits& limits)
    : m_body(std::move(body)), m_limits(limits) {}
Template::Template(Template&&) noexcept = default;
Template& Template::operator=(Template&&) noexcept = default;
Template::~Template() = default;

Result<Template> Template::parse(std::string_view source, const TemplateLimits& limits) {
  if (source.size() > limits.max_source_bytes) {
    return render_error(fmt::format("template longer than {} bytes", limits.max_source_bytes));
  }
  auto nodes = parse_template(source, limits.max_depth);
  if (!nodes) return fail(nodes.error());
  auto body = std::make_unique<Body>();
  body->nodes = std::move(*nodes);
  return Template(std::move(body), limits);
}

Result<std::string> Template::render(const Object& context) const {
  Renderer renderer(context, m_limits);
  return renderer.run(m_body->nodes);
}

}  // namespace quire::media::tmpl
