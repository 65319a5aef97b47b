package tokenizers

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

type tokenizerConfig struct {
	cacheDir  *string
	authToken *string
}

// TokenizerConfigOption configures FromPretrained.
type TokenizerConfigOption func(cfg *tokenizerConfig)

// WithCacheDir makes FromPretrained read the model from path/<modelID>/tokenizer.json (the
// layout github.com/daulet/tokenizers downloads into).
func WithCacheDir(path string) TokenizerConfigOption {
	return func(cfg *tokenizerConfig) { cfg.cacheDir = &path }
}

// WithAuthToken is accepted for compatibility with github.com/daulet/tokenizers; FromPretrained
// reads local files only, so the token is not used.
func WithAuthToken(token string) TokenizerConfigOption {
	return func(cfg *tokenizerConfig) { cfg.authToken = &token }
}

// FromPretrained loads the tokenizer of a Hugging Face model from a local cache: with
// WithCacheDir, from <dir>/<modelID>/tokenizer.json; otherwise from the Hugging Face hub cache
// (HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub), at the revision its
// refs/main names. It never downloads: a model missing from the cache is an error satisfying
// errors.Is(err, fs.ErrNotExist) (fetch it first, for example with huggingface-cli download).
func FromPretrained(modelID string, opts ...TokenizerConfigOption) (*Tokenizer, error) {
	var cfg tokenizerConfig
	for _, opt := range opts {
		opt(&cfg)
	}
	if strings.TrimSpace(modelID) == "" {
		return nil, errors.New("tokenizers: modelID cannot be empty")
	}
	path, err := cachedTokenizer(modelID, cfg.cacheDir)
	if err != nil {
		return nil, err
	}
	return FromFile(path)
}

// cachedTokenizer returns the path of modelID's tokenizer.json in the cache.
func cachedTokenizer(modelID string, cacheDir *string) (string, error) {
	if cacheDir != nil {
		path := filepath.Join(*cacheDir, modelID, "tokenizer.json")
		if _, err := os.Stat(path); err != nil {
			return "", fmt.Errorf("tokenizers: model %s is not in the cache %s (this package does not download): %w", modelID, *cacheDir, err)
		}
		return path, nil
	}
	hub := os.Getenv("HF_HUB_CACHE")
	if hub == "" {
		if home := os.Getenv("HF_HOME"); home != "" {
			hub = filepath.Join(home, "hub")
		} else if dir, err := os.UserHomeDir(); err == nil {
			hub = filepath.Join(dir, ".cache", "huggingface", "hub")
		} else {
			return "", fmt.Errorf("tokenizers: no Hugging Face cache to look for model %s in: %w", modelID, fs.ErrNotExist)
		}
	}
	repo := filepath.Join(hub, "models--"+strings.ReplaceAll(modelID, "/", "--"))
	ref, err := os.ReadFile(filepath.Join(repo, "refs", "main"))
	if err != nil {
		return "", fmt.Errorf("tokenizers: model %s is not in the Hugging Face cache %s (this package does not download): %w", modelID, hub, err)
	}
	path := filepath.Join(repo, "snapshots", strings.TrimSpace(string(ref)), "tokenizer.json")
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("tokenizers: model %s has no tokenizer.json in the Hugging Face cache: %w", modelID, err)
	}
	return path, nil
}
