#include "media/template/parser.hpp"

#include "media/template/lexer.hpp"

#include <fmt/format.h>

#include <charconv>
#include <set>

namespace quire::media::tmpl {
namespace {

tl::unexpected<Error> syntax_error(std::string message, std::size_t offset) {
  return fail(ErrorCode::invalid_argument,
              fmt::format("template syntax error at offset {}: {}", offset, message));
}

ExprPtr make_expr(Expr::Kind kind, std::size_t offset) {
  auto expr = std::make_unique<Expr>();
  expr->kind = kind;
  expr->offset = offset;
  return expr;
}

constexpr std::size_t k_max_tokens_per_tag = 2000;

const std::set<std::string, std::less<>> k_compare_ops = {"==", "!=", "<", "<=", ">", ">="};

/// Recursive descent over one tag's tokens, with Jinja's operator precedence (lowest first):
/// conditional, or, and, not, comparison/in, + -, ~, * / // %, **, unary, postfix and filters.
class ExprParser {
 public:
  ExprParser(const std::vector<Token>& tokens, int max_depth)
      : m_tokens(tokens), m_max_depth(max_depth) {}

  Result<ExprPtr> expression() {
    if (++m_depth > m_max_depth) return syntax_error("expression nested too deeply", peek().offset);
    auto result = conditional();
    --m_depth;
    return result;
  }

  [[nodiscard]] const Token& peek(std::size_t ahead = 0) const {
    const std::size_t index = std::min(m_pos + ahead, m_tokens.size() - 1);
    return m_tokens[index];
  }
  [[nodiscard]] bool at_end() const { return peek().kind == Token::Kind::end; }
  bool accept_op(std::string_view op) {
    if (peek().kind != Token::Kind::op || peek().text != op) return false;
    ++m_pos;
    return true;
  }
  bool accept_name(std::string_view name) {
    if (peek().kind != Token::Kind::name || peek().text != name) return false;
    ++m_pos;
    return true;
  }
  Status expect_op(std::string_view op) {
    if (accept_op(op)) return {};
    return syntax_error(fmt::format("expected '{}' but found '{}'", op, describe(peek())),
                        peek().offset);
  }
  Result<std::string> expect_name() {
    if (peek().kind != Token::Kind::name) {
      return syntax_error(fmt::format("expected a name but found '{}'", describe(peek())),
                          peek().offset);
    }
    return m_tokens[m_pos++].text;
  }
  Status expect_end() {
    if (at_end()) return {};
    return syntax_error(fmt::format("unexpected '{}'", describe(peek())), peek().offset);
  }

  static std::string describe(const Token& token) {
    return token.kind == Token::Kind::end ? "end of tag" : token.text;
  }

 private:
  using Parse = Result<ExprPtr> (ExprParser::*)();

  Result<ExprPtr> conditional() {
    auto body = or_expr();
    if (!body || !accept_name("if")) return body;
    const std::size_t offset = peek().offset;
    auto condition = or_expr();
    if (!condition) return condition;
    auto expr = make_expr(Expr::Kind::conditional, offset);
    expr->operands.push_back(std::move(*body));
    expr->operands.push_back(std::move(*condition));
    if (accept_name("else")) {
      auto otherwise = conditional();
      if (!otherwise) return otherwise;
      expr->operands.push_back(std::move(*otherwise));
    } else {
      expr->operands.push_back(nullptr);
    }
    return expr;
  }

  Result<ExprPtr> binary_chain(Parse next, std::initializer_list<std::string_view> ops,
                               bool keyword) {
    auto left = (this->*next)();
    if (!left) return left;
    while (true) {
      std::string matched;
      for (const std::string_view op : ops) {
        if (keyword ? accept_name(op) : accept_op(op)) {
          matched = op;
          break;
        }
      }
      if (matched.empty()) return left;
      auto right = (this->*next)();
      if (!right) return right;
      auto expr = make_expr(Expr::Kind::binary, (*left)->offset);
      expr->text = matched;
      expr->operands.push_back(std::move(*left));
      expr->operands.push_back(std::move(*right));
      left = std::move(expr);
    }
  }

  Result<ExprPtr> or_expr() { return binary_chain(&ExprParser::and_expr, {"or"}, true); }
  Result<ExprPtr> and_expr() { return binary_chain(&ExprParser::not_expr, {"and"}, true); }

  Result<ExprPtr> not_expr() {
    const std::size_t offset = peek().offset;
    if (!accept_name("not")) return compare();
    if (++m_depth > m_max_depth) return syntax_error("expression nested too deeply", offset);
    auto operand = not_expr();
    --m_depth;
    if (!operand) return operand;
    auto expr = make_expr(Expr::Kind::unary, offset);
    expr->text = "not";
    expr->operands.push_back(std::move(*operand));
    return expr;
  }

  /// Reads the operator of a comparison, including `in` and `not in`; empty when none follows.
  std::string comparison_op() {
    const Token& token = peek();
    if (token.kind == Token::Kind::op && k_compare_ops.contains(token.text)) {
      ++m_pos;
      return token.text;
    }
    if (accept_name("in")) return "in";
    if (peek().kind == Token::Kind::name && peek().text == "not" &&
        peek(1).kind == Token::Kind::name && peek(1).text == "in") {
      m_pos += 2;
      return "not in";
    }
    return {};
  }

  Result<ExprPtr> compare() {
    auto first = add_expr();
    if (!first) return first;
    std::string op = comparison_op();
    if (op.empty()) return first;
    auto expr = make_expr(Expr::Kind::compare, (*first)->offset);
    expr->operands.push_back(std::move(*first));
    while (!op.empty()) {
      auto next = add_expr();
      if (!next) return next;
      expr->ops.push_back(op);
      expr->operands.push_back(std::move(*next));
      op = comparison_op();
    }
    return expr;
  }

  Result<ExprPtr> add_expr() { return binary_chain(&ExprParser::concat_expr, {"+", "-"}, false); }
  Result<ExprPtr> concat_expr() { return binary_chain(&ExprParser::mul_expr, {"~"}, false); }
  Result<ExprPtr> mul_expr() {
    return binary_chain(&ExprParser::pow_expr, {"*", "//", "/", "%"}, false);
  }
  Result<ExprPtr> pow_expr() { return binary_chain(&ExprParser::unary, {"**"}, false); }

  Result<ExprPtr> unary() {
    const std::size_t offset = peek().offset;
    for (const std::string_view op : {"-", "+"}) {
      if (!accept_op(op)) continue;
      if (++m_depth > m_max_depth) return syntax_error("expression nested too deeply", offset);
      auto operand = unary();
      --m_depth;
      if (!operand) return operand;
      auto expr = make_expr(Expr::Kind::unary, offset);
      expr->text = op;
      expr->operands.push_back(std::move(*operand));
      return expr;
    }
    auto primary_expr = primary();
    if (!primary_expr) return primary_expr;
    return postfix(std::move(*primary_expr));
  }

  Result<ExprPtr> primary() {
    const Token token = peek();
    switch (token.kind) {
      case Token::Kind::name:
        ++m_pos;
        return name_or_constant(token);
      case Token::Kind::string: {
        ++m_pos;
        auto expr = make_expr(Expr::Kind::literal, token.offset);
        expr->value = Value(token.text);
        // Adjacent string literals concatenate, as in Python.
        while (peek().kind == Token::Kind::string) {
          expr->value = Value(expr->value.as<std::string>() + m_tokens[m_pos++].text);
        }
        return expr;
      }
      case Token::Kind::integer:
      case Token::Kind::floating:
        ++m_pos;
        return number(token);
      case Token::Kind::op:
        if (token.text == "(" || token.text == "[" || token.text == "{") {
          if (++m_depth > m_max_depth) {
            return syntax_error("expression nested too deeply", token.offset);
          }
          ++m_pos;
          auto result = token.text == "{" ? dict_literal(token.offset) : bracketed(token);
          --m_depth;
          return result;
        }
        break;
      case Token::Kind::end:
        break;
    }
    return syntax_error(fmt::format("unexpected '{}'", describe(token)), token.offset);
  }

  Result<ExprPtr> name_or_constant(const Token& token) {
    auto expr = make_expr(Expr::Kind::literal, token.offset);
    if (token.text == "true" || token.text == "True") {
      expr->value = Value(true);
    } else if (token.text == "false" || token.text == "False") {
      expr->value = Value(false);
    } else if (token.text == "none" || token.text == "None") {
      expr->value = Value(None{});
    } else {
      expr->kind = Expr::Kind::name;
      expr->text = token.text;
    }
    return expr;
  }

  static Result<ExprPtr> number(const Token& token) {
    auto expr = make_expr(Expr::Kind::literal, token.offset);
    const char* begin = token.text.data();
    const char* end = begin + token.text.size();
    if (token.kind == Token::Kind::integer) {
      std::int64_t parsed = 0;
      if (std::from_chars(begin, end, parsed).ec != std::errc{}) {
        return syntax_error("integer literal out of range", token.offset);
      }
      expr->value = Value(parsed);
    } else {
      expr->value = Value(std::strtod(token.text.c_str(), nullptr));
    }
    return expr;
  }

  /// `( … )` grouping or tuple, `[ … ]` list.
  Result<ExprPtr> bracketed(const Token& open) {
    const std::string_view close = open.text == "(" ? ")" : "]";
    auto list = make_expr(Expr::Kind::list, open.offset);
    bool saw_comma = false;
    while (!accept_op(close)) {
      if (!list->operands.empty()) {
        if (auto comma = expect_op(","); !comma) return fail(comma.error());
        saw_comma = true;
        if (accept_op(close)) break;
      }
      auto element = expression();
      if (!element) return element;
      list->operands.push_back(std::move(*element));
    }
    if (open.text == "(" && !saw_comma && list->operands.size() == 1) {
      return std::move(list->operands.front());
    }
    return list;
  }

  Result<ExprPtr> dict_literal(std::size_t offset) {
    auto dict = make_expr(Expr::Kind::dict, offset);
    while (!accept_op("}")) {
      if (!dict->operands.empty()) {
        if (auto comma = expect_op(","); !comma) return fail(comma.error());
        if (accept_op("}")) break;
      }
      auto key = expression();
      if (!key) return key;
      if (auto colon = expect_op(":"); !colon) return fail(colon.error());
      auto value = expression();
      if (!value) return value;
      dict->operands.push_back(std::move(*key));
      dict->operands.push_back(std::move(*value));
    }
    return dict;
  }

  Result<Arguments> arguments() {
    Arguments args;
    while (!accept_op(")")) {
      if (!args.positional.empty() || !args.named.empty()) {
        if (auto comma = expect_op(","); !comma) return fail(comma.error());
        if (accept_op(")")) break;
      }
      if (peek().kind == Token::Kind::name && peek(1).kind == Token::Kind::op &&
          peek(1).text == "=") {
        std::string name = m_tokens[m_pos].text;
        m_pos += 2;
        auto value = expression();
        if (!value) return fail(value.error());
        args.named.push_back(NamedArg{std::move(name), std::move(*value)});
        continue;
      }
      auto value = expression();
      if (!value) return fail(value.error());
      args.positional.push_back(std::move(*value));
    }
    return args;
  }

  /// `.name`, `[key]`, `[a:b]`, `(args)`, `| filter(args)` and `is [not] test(args)`.
  Result<ExprPtr> postfix(ExprPtr base) {
    while (true) {
      const std::size_t offset = peek().offset;
      ExprPtr expr;
      if (accept_op(".")) {
        auto name = peek().kind == Token::Kind::integer
                        ? Result<std::string>(m_tokens[m_pos++].text)
                        : expect_name();
        if (!name) return fail(name.error());
        expr = make_expr(Expr::Kind::attribute, offset);
        expr->text = std::move(*name);
      } else if (accept_op("[")) {
        auto subscript = this->subscript(offset);
        if (!subscript) return subscript;
        expr = std::move(*subscript);
      } else if (accept_op("(")) {
        auto args = arguments();
        if (!args) return fail(args.error());
        expr = make_expr(Expr::Kind::call, offset);
        expr->arguments = std::move(*args);
      } else if (accept_op("|") || peek().text == "is") {
        auto applied = filter_or_test(offset);
        if (!applied) return applied;
        expr = std::move(*applied);
      } else {
        return base;
      }
      expr->operands.insert(expr->operands.begin(), std::move(base));
      base = std::move(expr);
    }
  }

  Result<ExprPtr> subscript(std::size_t offset) {
    ExprPtr lower;
    if (!(peek().kind == Token::Kind::op && peek().text == ":")) {
      auto key = expression();
      if (!key) return key;
      lower = std::move(*key);
      if (accept_op("]")) {
        auto expr = make_expr(Expr::Kind::item, offset);
        expr->operands.push_back(std::move(lower));
        return expr;
      }
    }
    if (auto colon = expect_op(":"); !colon) return fail(colon.error());
    ExprPtr upper;
    if (!accept_op("]")) {
      auto bound = expression();
      if (!bound) return bound;
      upper = std::move(*bound);
      if (auto close = expect_op("]"); !close) return fail(close.error());
    }
    auto expr = make_expr(Expr::Kind::slice, offset);
    expr->operands.push_back(std::move(lower));
    expr->operands.push_back(std::move(upper));
    return expr;
  }

  Result<ExprPtr> filter_or_test(std::size_t offset) {
    const bool is_test = accept_name("is");
    auto expr = make_expr(is_test ? Expr::Kind::test : Expr::Kind::filter, offset);
    if (is_test) expr->negated = accept_name("not");
    // `is none` and friends: constants are valid test names.
    auto name = expect_name();
    if (!name) return fail(name.error());
    expr->text = std::move(*name);
    if (accept_op("(")) {
      auto args = arguments();
      if (!args) return fail(args.error());
      expr->arguments = std::move(*args);
    } else if (is_test &&
               (peek().kind == Token::Kind::string || peek().kind == Token::Kind::integer ||
                peek().kind == Token::Kind::floating)) {
      // `x is divisibleby 3` / `x is eq 'a'`: one argument without parentheses.
      auto argument = primary();
      if (!argument) return argument;
      expr->arguments.positional.push_back(std::move(*argument));
    }
    return expr;
  }

  const std::vector<Token>& m_tokens;
  std::size_t m_pos = 0;
  int m_depth = 0;
  int m_max_depth;
};

/// Builds the statement tree from the segments, one block at a time.
class TemplateParser {
 public:
  TemplateParser(std::vector<Segment> segments, int max_depth)
      : m_segments(std::move(segments)), m_max_depth(max_depth) {}

  Result<NodeList> parse() {
    auto body = parse_body({});
    if (!body) return fail(body.error());
    return std::move(body->nodes);
  }

 private:
  struct Body {
    NodeList nodes;
    std::string terminator;     ///< the keyword that ended the body
    std::vector<Token> tokens;  ///< the tokens of the terminating tag
    std::size_t terminator_offset = 0;
  };

  Result<ExprPtr> parse_expression(const std::vector<Token>& tokens, std::size_t from) {
    // Operator chains parse into trees as deep as they are long; a cap on the tokens of one tag
    // keeps that depth (and the recursion that walks it) small.
    if (tokens.size() > k_max_tokens_per_tag) {
      return syntax_error("tag has too many tokens", tokens.front().offset);
    }
    std::vector<Token> rest(tokens.begin() + static_cast<std::ptrdiff_t>(from), tokens.end());
    ExprParser parser(rest, m_max_depth);
    auto expr = parser.expression();
    if (!expr) return expr;
    if (auto end = parser.expect_end(); !end) return fail(end.error());
    return expr;
  }

  Result<Body> parse_body(const std::set<std::string, std::less<>>& terminators) {
    if (++m_depth > m_max_depth) {
      return syntax_error("blocks nested too deeply",
                          m_index < m_segments.size() ? m_segments[m_index].offset : 0);
    }
    Body body;
    while (m_index < m_segments.size()) {
      const Segment& segment = m_segments[m_index++];
      if (segment.kind == Segment::Kind::text) {
        auto node = std::make_unique<Node>();
        node->text = segment.content;
        body.nodes.push_back(std::move(node));
        continue;
      }
      auto tokens = tokenize(segment.content, segment.offset);
      if (!tokens) return fail(tokens.error());
      if (segment.kind == Segment::Kind::output) {
        auto expr = parse_expression(*tokens, 0);
        if (!expr) return fail(expr.error());
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::output;
        node->expression = std::move(*expr);
        body.nodes.push_back(std::move(node));
        continue;
      }
      const Token& keyword = tokens->front();
      if (keyword.kind != Token::Kind::name) {
        return syntax_error("expected a tag name", segment.offset);
      }
      if (terminators.contains(keyword.text)) {
        body.terminator = keyword.text;
        body.tokens = std::move(*tokens);
        body.terminator_offset = segment.offset;
        --m_depth;
        return body;
      }
      auto node = parse_statement(*tokens, segment.offset);
      if (!node) return fail(node.error());
      body.nodes.push_back(std::move(*node));
    }
    if (!terminators.empty()) {
      return syntax_error(
          fmt::format("unexpected end of template, expected '{}'", *terminators.rbegin()),
          m_segments.empty() ? 0 : m_segments.back().offset);
    }
    --m_depth;
    return body;
  }

  Result<std::unique_ptr<Node>> parse_statement(const std::vector<Token>& tokens,
                                                std::size_t offset) {
    const std::string& keyword = tokens.front().text;
    if (keyword == "if") return parse_if(tokens);
    if (keyword == "for") return parse_for(tokens);
    if (keyword == "set") return parse_set(tokens);
    if (keyword == "break" || keyword == "continue") {
      if (m_loop_depth == 0) {
        return syntax_error(fmt::format("'{}' outside of a loop", keyword), offset);
      }
      if (tokens.size() != 2) return syntax_error("unexpected tokens after " + keyword, offset);
      auto node = std::make_unique<Node>();
      node->kind = keyword == "break" ? Node::Kind::brk : Node::Kind::cont;
      return node;
    }
    return syntax_error(fmt::format("unknown or misplaced tag '{}'", keyword), offset);
  }

  Result<std::unique_ptr<Node>> parse_if(const std::vector<Token>& tokens) {
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::branch;
    auto condition = parse_expression(tokens, 1);
    if (!condition) return fail(condition.error());
    node->conditions.push_back(std::move(*condition));
    while (true) {
      auto body = parse_body({"elif", "else", "endif"});
      if (!body) return fail(body.error());
      node->bodies.push_back(std::move(body->nodes));
      if (body->terminator == "endif") break;
      if (body->terminator == "else") {
        if (body->tokens.size() != 2) {
          return syntax_error("unexpected tokens after else", body->terminator_offset);
        }
        auto otherwise = parse_body({"endif"});
        if (!otherwise) return fail(otherwise.error());
        node->bodies.push_back(std::move(otherwise->nodes));
        break;
      }
      auto next = parse_expression(body->tokens, 1);
      if (!next) return fail(next.error());
      node->conditions.push_back(std::move(*next));
    }
    return node;
  }

  Result<std::unique_ptr<Node>> parse_for(const std::vector<Token>& tokens) {
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::loop;
    std::size_t pos = 1;
    while (true) {
      if (tokens[pos].kind != Token::Kind::name) {
        return syntax_error("expected a loop variable", tokens[pos].offset);
      }
      node->targets.push_back(tokens[pos++].text);
      if (tokens[pos].kind == Token::Kind::op && tokens[pos].text == ",") {
        ++pos;
        continue;
      }
      break;
    }
    if (tokens[pos].kind != Token::Kind::name || tokens[pos].text != "in") {
      return syntax_error("expected 'in' in for loop", tokens[pos].offset);
    }
    auto iterable = parse_expression(tokens, pos + 1);
    if (!iterable) return fail(iterable.error());
    node->expression = std::move(*iterable);

    ++m_loop_depth;
    auto body = parse_body({"else", "endfor"});
    --m_loop_depth;
    if (!body) return fail(body.error());
    node->bodies.push_back(std::move(body->nodes));
    if (body->terminator == "else") {
      auto otherwise = parse_body({"endfor"});
      if (!otherwise) return fail(otherwise.error());
      node->bodies.push_back(std::move(otherwise->nodes));
    }
    return node;
  }

  Result<std::unique_ptr<Node>> parse_set(const std::vector<Token>& tokens) {
    if (tokens.size() < 4 || tokens[1].kind != Token::Kind::name ||
        tokens[2].kind != Token::Kind::op || tokens[2].text != "=") {
      return syntax_error("expected 'set name = expression'", tokens.front().offset);
    }
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::assign;
    node->targets.push_back(tokens[1].text);
    auto value = parse_expression(tokens, 3);
    if (!value) return fail(value.error());
    node->expression = std::move(*value);
    return node;
  }

  std::vector<Segment> m_segments;
  std::size_t m_index = 0;
  int m_depth = 0;
  int m_loop_depth = 0;
  int m_max_depth;
};

}  // namespace

Result<NodeList> parse_template(std::string_view source, int max_depth) {
  auto segments = split_segments(source);
  if (!segments) return fail(segments.error());
  TemplateParser parser(std::move(*segments), max_depth);
  return parser.parse();
}

}  // namespace quire::media::tmpl
