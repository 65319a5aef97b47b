"""The oracle for go/oracle_test.go: encodes and decodes with Hugging Face's own Python binding
(`tokenizers`) and OpenAI's `tiktoken`, and prints what they return.

Reads one JSON request on stdin:
  {"tokenizers": [{"name", "kind": "hf", "path"} | {"name", "kind": "tiktoken", "model",
   "config", "pattern"}],
   "texts": [str, ...],           # encoded one by one, with and without special tokens
   "big": [int, ...],             # indexes of texts encoded with special tokens only
   "batch": [int, ...]}           # indexes of texts also encoded as one batch
Prints one JSON line per tokenizer: {"name", "single": [result, ...], "batch": [result, ...]}
where a result is {"text", "add", "error"} or {"text", "add", "ids", "type_ids", "special",
"attention" (base64 of little-endian uint32s), "offsets" (base64 uint32 start/end pairs, in
characters for "hf", in bytes for "tiktoken"), "tokens", "decoded", "decoded_skip",
"decoded_half" (the first half of the ids)}.
"""

import base64
import json
import sys
from array import array

import tiktoken
from tokenizers import Tokenizer


def u32(values):
    a = array("I", values)
    assert a.itemsize == 4
    if sys.byteorder == "big":
        a.byteswap()
    return base64.b64encode(a.tobytes()).decode("ascii")


class HF:
    def __init__(self, spec):
        self.tk = Tokenizer.from_file(spec["path"])

    def encode(self, text, add):
        e = self.tk.encode(text, add_special_tokens=add)
        return e.ids, e.type_ids, e.special_tokens_mask, e.attention_mask, e.tokens, e.offsets

    def encode_batch(self, texts, add):
        return [
            (e.ids, e.type_ids, e.special_tokens_mask, e.attention_mask, e.tokens, e.offsets)
            for e in self.tk.encode_batch(texts, add_special_tokens=add)
        ]

    def decode(self, ids, skip):
        return self.tk.decode(ids, skip_special_tokens=skip)


class Tiktoken:
    """A tiktoken Encoding built as github.com/daulet/tokenizers builds its tiktoken-rs one."""

    def __init__(self, spec):
        ranks = {}
        with open(spec["model"], "rb") as f:
            for line in f.read().splitlines():
                if line.strip():
                    token, rank = line.split()
                    ranks[base64.b64decode(token)] = int(rank)
        with open(spec["config"], encoding="utf-8") as f:
            added = json.load(f)["added_tokens_decoder"]
        special = {t["content"]: int(i) for i, t in added.items()}
        present = set(ranks.values())
        reserved = 0
        for rank in range(max(ranks.values())):
            if rank not in present:
                ranks[f"<|reserved_special_token_{reserved}|>".encode()] = rank
                reserved += 1
        self.special_ids = set(special.values())
        self.enc = tiktoken.Encoding(
            spec["name"], pat_str=spec["pattern"], mergeable_ranks=ranks, special_tokens=special
        )

    def encode(self, text, add):
        ids = self.enc.encode(text, allowed_special="all" if add else set(), disallowed_special=())
        tokens = [self.enc.decode_single_token_bytes(i) for i in ids]
        offsets, at = [], 0
        for t in tokens:
            offsets.append((at, at + len(t)))
            at += len(t)
        return (
            ids,
            [0] * len(ids),
            [int(i in self.special_ids) for i in ids],
            [1] * len(ids),
            [t.decode("utf-8", errors="replace") for t in tokens],
            offsets,
        )

    def encode_batch(self, texts, add):
        return [self.encode(t, add) for t in texts]

    def decode(self, ids, skip):
        if skip:
            ids = [i for i in ids if i not in self.special_ids]
        return self.enc.decode(ids, errors="replace")


def result(tk, text_index, add, encoded, decode_half=True):
    ids, type_ids, special, attention, tokens, offsets = encoded
    r = {
        "text": text_index,
        "add": add,
        "ids": u32(ids),
        "type_ids": u32(type_ids),
        "special": u32(special),
        "attention": u32(attention),
        "offsets": u32([x for pair in offsets for x in pair]),
        "tokens": tokens,
        "decoded": tk.decode(ids, False),
        "decoded_skip": tk.decode(ids, True),
    }
    if decode_half:
        r["decoded_half"] = tk.decode(ids[: len(ids) // 2], False)
    return r


def failure(text_index, add, e):
    return {"text": text_index, "add": add, "error": str(e)}


def main():
    req = json.load(sys.stdin)
    texts = req["texts"]
    big = set(req["big"])
    for spec in req["tokenizers"]:
        tk = HF(spec) if spec["kind"] == "hf" else Tiktoken(spec)
        single = []
        for i, text in enumerate(texts):
            for add in (True,) if i in big else (True, False):
                try:
                    single.append(result(tk, i, add, tk.encode(text, add), i not in big))
                except Exception as e:  # the Go side must fail the same way
                    single.append(failure(i, add, e))
        batch = []
        for add in (True, False):
            chosen = [texts[i] for i in req["batch"]]
            try:
                encoded = tk.encode_batch(chosen, add)
                batch += [result(tk, i, add, e, False) for i, e in zip(req["batch"], encoded)]
            except Exception as e:
                batch.append(failure(-1, add, e))
        json.dump({"name": spec["name"], "single": single, "batch": batch}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
