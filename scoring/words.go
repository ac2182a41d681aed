package scoring

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"gameday/content"
)

// word is one word of an answer, with its position.
type word struct {
	stem     string
	raw      string
	sentence int // index of its sentence in the answer
	clause   int // index of its clause in the answer, counted across sentences
}

// text is an answer split into words, ready to match phrases against.
type text struct {
	words []word

	// explains marks the sentences that contain a connective or read as
	// prose, so a phrase found in them is part of a reason, not a bare list
	// of keywords.
	explains map[int]bool
}

// negators are the words that, up to negationWindow words before a phrase
// in the same clause, mean the answer rules the phrase out ("no retries",
// "without a timeout"). Apostrophes are dropped before matching.
var negators = map[string]bool{
	"no": true, "not": true, "never": true, "without": true, "nor": true, "neither": true, "none": true,
	"dont": true, "doesnt": true, "didnt": true, "wont": true, "cant": true, "cannot": true,
	"isnt": true, "arent": true, "wasnt": true, "shouldnt": true, "wouldnt": true,
}

// negationWindow is how many words before a phrase a negator reaches.
const negationWindow = 3

// connectives are the words that make a sentence an explanation: a reason,
// a condition or a consequence.
var connectives = map[string]bool{
	"because": true, "since": true, "so": true, "only": true, "when": true, "whenever": true,
	"if": true, "unless": true, "otherwise": true, "which": true, "that": true, "to": true,
	"until": true, "before": true, "after": true, "instead": true, "for": true, "while": true,
	"then": true, "as": true, "than": true, "where": true, "once": true, "during": true,
	"due": true, "thus": true, "hence": true, "therefore": true, "means": true, "causes": true,
	"leads": true, "would": true, "will": true, "whether": true, "from": true, "by": true,
	"stops": true, "prevents": true, "keeps": true, "lets": true, "avoids": true, "protects": true,
}

// contractionRE finds the endings of "she'd", "it's", "we'll", "they're",
// "I've" and "I'm", and possessives, which are dropped so "she'd" does not
// read as "shed". The "n't" of "don't" stays, as "dont", a negator.
var contractionRE = regexp.MustCompile(`'(d|ll|re|ve|s|m)\b`)

// functionWords are common words of English sentences that keyword lists
// lack. A sentence with at least minFunctionWords different ones reads as
// prose and explains, even without a connective ("it stays below what the
// caller waits").
var functionWords = map[string]bool{
	"the": true, "a": true, "an": true, "it": true, "its": true, "is": true, "are": true, "was": true,
	"be": true, "we": true, "i": true, "you": true, "they": true, "our": true, "their": true,
	"this": true, "these": true, "what": true, "how": true, "and": true, "of": true, "in": true,
	"on": true, "at": true, "into": true, "can": true, "should": true, "must": true, "has": true,
	"have": true, "do": true, "does": true, "each": true, "every": true, "my": true,
}

// minFunctionWords is how many different function words make a sentence
// read as prose. Three keeps "I know timeouts, retries and backoff" a
// list.
const minFunctionWords = 3

// parseText splits an answer into sentences, clauses and stemmed words.
// Sentences end at ".", "!", "?" and ";" followed by a space or the end, at
// blank lines and before list bullets; a line break alone does not end
// one, because typed answers are often wrapped. Clauses also end at ",",
// ":", brackets, dashes and the word "but".
func parseText(s string) text {
	t := text{explains: map[int]bool{}}
	function := map[int]map[string]bool{}
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	s = contractionRE.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, "'", "")

	sentence, clause := 0, 0
	endSentence := func() {
		if len(t.words) > 0 && t.words[len(t.words)-1].sentence == sentence {
			sentence++
			clause++
		}
	}
	endClause := func() {
		if len(t.words) > 0 && t.words[len(t.words)-1].clause == clause {
			clause++
		}
	}

	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if content.IsWordRune(r) {
			j := i
			for j < len(s) {
				r2, size2 := utf8.DecodeRuneInString(s[j:])
				if !content.IsWordRune(r2) {
					break
				}
				j += size2
			}
			raw := s[i:j]
			if raw == "but" {
				endClause()
			}
			t.words = append(t.words, word{stem: stem(raw), raw: raw, sentence: sentence, clause: clause})
			if connectives[raw] {
				t.explains[sentence] = true
			}
			if functionWords[raw] {
				if function[sentence] == nil {
					function[sentence] = map[string]bool{}
				}
				function[sentence][raw] = true
				if len(function[sentence]) >= minFunctionWords {
					t.explains[sentence] = true
				}
			}
			i = j
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[i+size:])
		switch {
		case strings.ContainsRune(".!?;", r) && (i+size == len(s) || unicode.IsSpace(next)):
			endSentence()
		case r == '\n' && startsNewItem(s[i+size:]):
			endSentence()
		case strings.ContainsRune(",:()[]—–", r), r == '-' && unicode.IsSpace(next):
			endClause()
		}
		i += size
	}
	return t
}

// startsNewItem reports whether the text after a line break starts a new
// paragraph or a list item.
func startsNewItem(rest string) bool {
	rest = strings.TrimLeft(rest, " \t")
	if rest == "" || rest[0] == '\n' || strings.HasPrefix(rest, "- ") || strings.HasPrefix(rest, "* ") || strings.HasPrefix(rest, "• ") {
		return true
	}
	digits := strings.TrimLeft(rest, "0123456789")
	return len(digits) < len(rest) && (strings.HasPrefix(digits, ". ") || strings.HasPrefix(digits, ") "))
}

// phrase is a key point's phrasing, prepared for matching.
type phrase struct {
	text  string
	stems []string

	// joined is the stem of the phrase written as one word, so "back off",
	// "back-off" and "backoff" match each other.
	joined string

	// negated is set when the phrase starts with a negator itself, as in
	// "no single point of failure"; negation before it is then not looked
	// for.
	negated bool
}

func newPhrase(s string) phrase {
	t := parseText(s)
	p := phrase{text: s}
	var raws []string
	for _, w := range t.words {
		p.stems = append(p.stems, w.stem)
		raws = append(raws, w.raw)
	}
	p.joined = stem(strings.Join(raws, ""))
	p.negated = len(raws) > 0 && negators[raws[0]]
	return p
}

// match is a phrase found in an answer, with its sentence.
type match struct {
	phrase   string
	sentence int
}

// occurrence is one place a phrase matches: n words from word i.
type occurrence struct {
	phrase  string
	i, n    int
	negated bool
}

// occurrences returns every place one of the phrases matches, with
// whether a negation comes before it.
func (t text) occurrences(ps []phrase) []occurrence {
	var out []occurrence
	for _, p := range ps {
		for i := range t.words {
			if n := t.matchAt(i, p); n > 0 {
				out = append(out, occurrence{phrase: p.text, i: i, n: n, negated: !p.negated && t.negatedAt(i)})
			}
		}
	}
	return out
}

// matchAt returns how many words starting at i match the phrase, either
// word by word or written as one word, or 0.
func (t text) matchAt(i int, p phrase) int {
	if len(p.stems) == 0 {
		return 0
	}
	if i+len(p.stems) <= len(t.words) && t.sameClause(i, len(p.stems)) {
		ok := true
		for k, s := range p.stems {
			if t.words[i+k].stem != s {
				ok = false
				break
			}
		}
		if ok {
			return len(p.stems)
		}
	}
	// "backoff" in the text against "back off" in the phrase, and the
	// reverse: join up to three words of the text.
	joined := ""
	for n := 1; n <= 3 && i+n <= len(t.words); n++ {
		if !t.sameClause(i, n) {
			break
		}
		joined += t.words[i+n-1].raw
		if (n > 1 || len(p.stems) > 1) && stem(joined) == p.joined {
			return n
		}
	}
	return 0
}

// sameClause reports whether the n words from i share one clause.
func (t text) sameClause(i, n int) bool {
	return t.words[i].clause == t.words[i+n-1].clause
}

// negatedAt reports whether a negator is up to negationWindow words
// before word i in its clause.
func (t text) negatedAt(i int) bool {
	for k := i - 1; k >= 0 && k >= i-negationWindow; k-- {
		if t.words[k].clause != t.words[i].clause {
			return false
		}
		if negators[t.words[k].raw] {
			return true
		}
	}
	return false
}

// findAny returns the first match of any of the phrases that no negation
// rules out, and whether there is one. A match inside a negated match of
// a longer phrase is ruled out too, so "never a circuit breaker" does not
// credit "breaker". With explained set, only matches in a sentence that
// explains count.
func (t text) findAny(phrases []phrase, explained bool) (match, bool) {
	occs := t.occurrences(phrases)
	negatedWord := map[int]bool{}
	for _, o := range occs {
		if o.negated {
			for k := o.i; k < o.i+o.n; k++ {
				negatedWord[k] = true
			}
		}
	}
	var found []match
	for _, o := range occs {
		if o.negated || negatedWord[o.i] || negatedWord[o.i+o.n-1] {
			continue
		}
		m := match{phrase: o.phrase, sentence: t.words[o.i].sentence}
		if !explained || t.explains[m.sentence] {
			found = append(found, m)
		}
	}
	if len(found) == 0 {
		return match{}, false
	}
	return slices.MinFunc(found, func(a, b match) int { return a.sentence - b.sentence }), true
}

// stem reduces a lower-case word to a crude stem, so inflections of one
// word match: plurals ("retries", "timeouts"), "-ing" and "-ed" forms
// ("shedding", "tripped", "timed"), "-ly" adverbs and a final "e" ("time",
// "timing"). Words of three letters or fewer, numbers and words with "+"
// are kept as they are. It is not a linguistic stemmer: it only needs to
// map a word and its inflections to the same string.
func stem(w string) string {
	if len(w) <= 3 || strings.ContainsAny(w, "+0123456789") {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
	case strings.HasSuffix(w, "s"):
		w = w[:len(w)-1]
	}
	for _, suffix := range []string{"ing", "ed", "ly"} {
		if base := strings.TrimSuffix(w, suffix); base != w && len(base) >= 3 && strings.ContainsAny(base, "aeiouy") {
			w = undouble(base)
			break
		}
	}
	if len(w) > 3 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

// undouble drops one of two equal final consonants ("shedd" → "shed"),
// except the l, s and z of words like "fall", "pass" and "buzz".
func undouble(w string) string {
	n := len(w)
	if n >= 2 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouylsz", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}
