package tokenizers

import (
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// multilingual are short inputs across scripts and the corners of Unicode: pangrams and old
// texts in many scripts, emoji sequences, combining marks, unusual whitespace and control
// characters, text that looks like special tokens, and the empty string.
var multilingual = []string{
	"",
	"a",
	" ",
	"\n",
	"brown fox jumps over the lazy dog",
	"Съешь же ещё этих мягких французских булок, да выпей чаю.",
	"Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.",
	"天地玄黃，宇宙洪荒。日月盈昃，辰宿列張。",
	"いろはにほへと ちりぬるを わかよたれそ つねならむ カタカナ ｶﾀｶﾅ",
	"키스의 고유조건은 입술끼리 만나야 하고 특별한 기술은 필요치 않다.",
	"صِف خَلقَ خَودِ كَمِثلِ الشَمسِ إِذ بَزَغَت",
	"דג סקרן שט בים מאוכזב ולפתע מצא חברה",
	"ऋषियों को सताने वाले दुष्ट राक्षसों के राजा रावण का सर्वनाश करने वाले विष्णुवतार भगवान श्रीराम",
	"เป็นมนุษย์สุดประเสริฐเลิศคุณค่า",
	"👩‍👩‍👧‍👦 family, 🇯🇵🇫🇷 flags, 👍🏽 skin tone, 1️⃣ keycap, 🧑🏻‍💻 coder, 😀😃😄",
	"e\u0301 vs é, a\u0308\u0304 stacked, Z\u0324\u0354\u0367\u0311\u0313a\u0308\u0356\u032d\u0308\u0307l\u036e\u0312\u036bg\u030c\u0317\u035a\u031ao",
	"tabs\tand\r\nCRLF\u00a0nbsp\u2028line sep\u3000ideographic space  double  spaces\n\n\n",
	"control \x00 nul \x01 \x07 bell \x1b[31m escape \u200b zwsp \u200d zwj \ufeff bom \ufffd replacement",
	"special-looking: [CLS] [SEP] [PAD] [MASK] <|begin_of_text|> <|eot_id|> <|im_end|> [BOS] <BOS_TOKEN>",
	"numbers 1234567890 3.14159 -42 1e10 0x1F 1,000,000 ½ ² Ⅻ ٣٤٥ ४२",
	"code: func main() { fmt.Println(\"héllo\") } // ≠ ≤ → λ",
	"MiXeD CaSe ÀÉÎÕÜ İstanbul ß ﬁ ligature Ǆ Ꭰ",
	" leading and trailing spaces ",
}

var (
	corpusOnce sync.Once
	sherlock   string
	megabyte   string
)

// bigInputs returns the sherlock haystack (595 KB) and a 1 MiB input: sherlock's paragraphs
// interleaved with the multilingual lines, cut at a character boundary.
func bigInputs(tb testing.TB) (string, string) {
	corpusOnce.Do(func() {
		b, err := os.ReadFile(exampleFile("testdata/sherlock.txt"))
		if err != nil {
			panic(err)
		}
		sherlock = string(b)
		var sb strings.Builder
		paragraphs := strings.Split(sherlock, "\r\n\r\n") // the file has CRLF line ends
		for i := 0; sb.Len() < 1<<20; i++ {
			sb.WriteString(paragraphs[i%len(paragraphs)])
			sb.WriteString("\r\n\r\n")
			sb.WriteString(multilingual[i%len(multilingual)])
			sb.WriteString("\n\n")
		}
		s := sb.String()[:1<<20]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		megabyte = s
	})
	return sherlock, megabyte
}

// sherlock1K is the benchmarks' ~1 KB input: sherlock's first paragraphs up to 1 KiB.
func sherlock1K(tb testing.TB) string {
	return prefix(tb, 1<<10)
}

// prefix returns whole paragraphs of sherlock, at most n bytes of them.
func prefix(tb testing.TB, n int) string {
	s, _ := bigInputs(tb)
	s = s[:n]
	return s[:strings.LastIndex(s, "\r\n\r\n")]
}
