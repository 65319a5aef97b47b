package benchcallbacks

/*
#include <stdint.h>
*/
import "C"

// rawSink is what benchGoPut calls, as a ferrogo handler calls the Sink value.
var rawSink = sink{}

//export benchGoPut
func benchGoPut(x C.uint64_t) C.uint64_t {
	return C.uint64_t(rawSink.Put(uint64(x)))
}
