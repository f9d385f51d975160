package dev.dlm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dlm.grammar.DlmLexer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.AtomTransition;
import org.antlr.v4.runtime.atn.RuleStopState;
import org.antlr.v4.runtime.atn.RuleTransition;
import org.antlr.v4.runtime.atn.Transition;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.junit.jupiter.api.Test;

/**
 * TextMateKeywordsTest is the check that the editors' TextMate grammar
 * ({@code editors/vscode/syntaxes/dlm.tmLanguage.json}) highlights as keywords exactly the
 * words the ANTLR lexer reads as keywords, so the two cannot drift apart.
 *
 * <p>The lexer's keywords are its alphabetic literal tokens. They are read from the lexer's
 * ATN rather than from {@code DlmLexer.VOCABULARY} alone, because ANTLR records no literal
 * name for a token with several spellings ({@code TRUE : 'true' | 'True'}).
 *
 * <p>A word is highlighted as a keyword when a grammar rule matches exactly that word and
 * gives it a keyword-like scope: {@code keyword.*} other than {@code keyword.operator.*},
 * {@code storage.*} or {@code constant.language.*}.
 */
class TextMateKeywordsTest {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Deeper than any literal keyword; a walk this deep is inside a loop, not a literal. */
    private static final int MAX_LITERAL_LENGTH = 64;

    @Test
    void textMateKeywordsAreTheLexersKeywords() {
        Set<String> lexerKeywords = lexerKeywords();
        List<KeywordRule> rules = keywordRules(loadGrammar());
        Set<String> candidates = new TreeSet<>(lexerKeywords);
        for (KeywordRule rule : rules) {
            Matcher words = IDENTIFIER.matcher(rule.regex().pattern());
            while (words.find()) {
                candidates.add(words.group());
            }
        }
        Set<String> highlighted = candidates.stream()
                .filter(word -> rules.stream().anyMatch(rule -> rule.highlightsAsKeyword(word)))
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> missing = new TreeSet<>(lexerKeywords);
        missing.removeAll(highlighted);
        Set<String> extra = new TreeSet<>(highlighted);
        extra.removeAll(lexerKeywords);
        assertEquals(lexerKeywords, highlighted,
                "lexer keywords the TextMate grammar does not highlight: " + missing
                        + "; words it highlights that the lexer reads as identifiers: " + extra);
    }

    @Test
    void lexerKeywordsIncludeEveryAlphabeticLiteralName() {
        Set<String> lexerKeywords = lexerKeywords();
        Set<String> literalNames = new TreeSet<>();
        for (int type = 1; type <= DlmLexer.VOCABULARY.getMaxTokenType(); type++) {
            String literal = DlmLexer.VOCABULARY.getLiteralName(type);
            if (literal != null) {
                String word = literal.substring(1, literal.length() - 1);
                if (IDENTIFIER.matcher(word).matches()) {
                    literalNames.add(word);
                }
            }
        }
        assertFalse(literalNames.isEmpty(), "DlmLexer.VOCABULARY names no alphabetic literal");
        assertTrue(lexerKeywords.containsAll(literalNames),
                "the ATN walk missed literal names: " + literalNames + " vs " + lexerKeywords);
        assertTrue(lexerKeywords.size() > literalNames.size(),
                "the ATN walk found no keyword with several spellings (true/True): " + lexerKeywords);
    }

    @Test
    void eachLexerKeywordLexesAsOneKeywordToken() {
        for (String keyword : lexerKeywords()) {
            List<? extends Token> tokens = new DlmLexer(CharStreams.fromString(keyword)).getAllTokens();
            assertEquals(1, tokens.size(), keyword + " lexes as " + tokens);
            int type = tokens.get(0).getType();
            assertTrue(type != DlmLexer.ID && type != DlmLexer.ERROR_CHAR,
                    keyword + " lexes as " + DlmLexer.VOCABULARY.getSymbolicName(type));
        }
    }

    /** The alphabetic words some lexer token rule spells out literally, such as "let" or "True". */
    private static Set<String> lexerKeywords() {
        ATN atn = DlmLexer._ATN;
        Set<String> keywords = new TreeSet<>();
        for (int rule = 0; rule < atn.ruleToStartState.length; rule++) {
            if (atn.ruleToTokenType[rule] == Token.INVALID_TYPE) {
                continue; // a fragment: part of other tokens, never a token itself
            }
            literalSpellings(atn.ruleToStartState[rule]).ifPresent(spellings -> spellings.stream()
                    .filter(word -> IDENTIFIER.matcher(word).matches())
                    .forEach(keywords::add));
        }
        return keywords;
    }

    /** Every string a lexer rule accepts, when the rule is a finite set of literals; else empty. */
    private static Optional<Set<String>> literalSpellings(ATNState ruleStart) {
        Set<String> spellings = new TreeSet<>();
        return spell(ruleStart, "", spellings) ? Optional.of(spellings) : Optional.empty();
    }

    private static boolean spell(ATNState state, String prefix, Set<String> spellings) {
        if (state instanceof RuleStopState) {
            spellings.add(prefix);
            return true;
        }
        if (prefix.length() > MAX_LITERAL_LENGTH) {
            return false;
        }
        for (Transition transition : state.getTransitions()) {
            boolean literal;
            if (transition instanceof AtomTransition atom) {
                literal = spell(atom.target, prefix + Character.toString(atom.label), spellings);
            } else if (transition instanceof RuleTransition) {
                literal = false; // a fragment call such as DIGITS
            } else if (transition.isEpsilon()) {
                literal = spell(transition.target, prefix, spellings);
            } else {
                IntervalSet label = transition.label();
                literal = label != null && label.size() == 1
                        && spell(transition.target, prefix + Character.toString(label.getMinElement()), spellings);
            }
            if (!literal) {
                return false;
            }
        }
        return true;
    }

    /**
     * A TextMate rule that gives a keyword-like scope to the text of its regex (group 0) or to
     * some capture groups.
     */
    private record KeywordRule(Pattern regex, Map<Integer, String> scopeByGroup) {

        boolean highlightsAsKeyword(String word) {
            Matcher matcher = regex.matcher(word);
            if (!matcher.matches()) {
                return false;
            }
            return scopeByGroup.entrySet().stream().anyMatch(group -> group.getKey() <= matcher.groupCount()
                    && matcher.start(group.getKey()) == 0
                    && matcher.end(group.getKey()) == word.length());
        }
    }

    private static boolean isKeywordScope(String scope) {
        return (scope.startsWith("keyword.") && !scope.startsWith("keyword.operator."))
                || scope.startsWith("storage.")
                || scope.startsWith("constant.language.");
    }

    /** The rules of a grammar, wherever they are nested, that give some text a keyword-like scope. */
    private static List<KeywordRule> keywordRules(Map<?, ?> grammar) {
        List<KeywordRule> rules = new ArrayList<>();
        collectKeywordRules(grammar.get("patterns"), rules);
        collectKeywordRules(grammar.get("repository"), rules);
        assertFalse(rules.isEmpty(), "the TextMate grammar has no keyword rule");
        return rules;
    }

    private static void collectKeywordRules(Object node, List<KeywordRule> rules) {
        if (node instanceof List<?> list) {
            list.forEach(item -> collectKeywordRules(item, rules));
        } else if (node instanceof Map<?, ?> map) {
            // A match rule's name scopes its whole text; begin and end regexes only scope captures.
            addKeywordRule(map.get("match"), map.get("name"), Arrays.asList(map.get("captures")), rules);
            addKeywordRule(map.get("begin"), null, Arrays.asList(map.get("beginCaptures"), map.get("captures")), rules);
            addKeywordRule(map.get("end"), null, Arrays.asList(map.get("endCaptures"), map.get("captures")), rules);
            map.values().forEach(value -> collectKeywordRules(value, rules));
        }
    }

    private static void addKeywordRule(Object regex, Object name, List<Object> captureMaps, List<KeywordRule> rules) {
        if (!(regex instanceof String source)) {
            return;
        }
        Map<Integer, String> scopeByGroup = new LinkedHashMap<>();
        if (name instanceof String scope && isKeywordScope(scope)) {
            scopeByGroup.put(0, scope);
        }
        for (Object captures : captureMaps) {
            if (captures instanceof Map<?, ?> byGroup) {
                byGroup.forEach((group, capture) -> {
                    if (capture instanceof Map<?, ?> c && c.get("name") instanceof String scope && isKeywordScope(scope)) {
                        scopeByGroup.put(Integer.parseInt((String) group), scope);
                    }
                });
            }
        }
        if (!scopeByGroup.isEmpty()) {
            rules.add(new KeywordRule(Pattern.compile(source), scopeByGroup));
        }
    }

    private static Map<?, ?> loadGrammar() {
        Path grammar = Repo.ROOT.resolve("editors/vscode/syntaxes/dlm.tmLanguage.json");
        assertTrue(Files.isRegularFile(grammar), "no TextMate grammar at " + grammar);
        return (Map<?, ?>) new JsonReader(Repo.read(grammar)).readDocument();
    }

    /**
     * JsonReader is a reader of one JSON document into maps, lists, strings, doubles,
     * booleans and nulls: just enough for the grammar file, without a JSON library.
     */
    private static final class JsonReader {
        private static final Pattern NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

        private final String text;
        private int pos;

        JsonReader(String text) {
            this.text = text;
        }

        Object readDocument() {
            Object value = readValue();
            skipWhitespace();
            if (pos != text.length()) {
                throw error("trailing text");
            }
            return value;
        }

        private Object readValue() {
            skipWhitespace();
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(pos);
            if (c == '{') {
                return readObject();
            } else if (c == '[') {
                return readArray();
            } else if (c == '"') {
                return readString();
            } else if (text.startsWith("true", pos)) {
                pos += 4;
                return Boolean.TRUE;
            } else if (text.startsWith("false", pos)) {
                pos += 5;
                return Boolean.FALSE;
            } else if (text.startsWith("null", pos)) {
                pos += 4;
                return null;
            }
            Matcher number = NUMBER.matcher(text).region(pos, text.length());
            if (!number.lookingAt()) {
                throw error("unexpected character '" + c + "'");
            }
            pos = number.end();
            return Double.parseDouble(number.group());
        }

        private Map<String, Object> readObject() {
            Map<String, Object> object = new LinkedHashMap<>();
            pos++; // {
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return object;
            }
            do {
                skipWhitespace();
                String key = readString();
                skipWhitespace();
                expect(':');
                object.put(key, readValue());
                skipWhitespace();
            } while (tryConsume(','));
            expect('}');
            return object;
        }

        private List<Object> readArray() {
            List<Object> array = new ArrayList<>();
            pos++; // [
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return array;
            }
            do {
                array.add(readValue());
                skipWhitespace();
            } while (tryConsume(','));
            expect(']');
            return array;
        }

        private String readString() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unclosed string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                char escaped = text.charAt(pos++);
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'u' -> {
                        value.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + escaped);
                }
            }
        }

        private void skipWhitespace() {
            while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private boolean tryConsume(char c) {
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!tryConsume(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("JSON " + problem + " at offset " + pos);
        }
    }
}
