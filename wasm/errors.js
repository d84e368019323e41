// Why this file exists: the bindings' one error convention, on the JavaScript side (linked with
// --post-js, so it runs inside the module factory). A bound C++ function that fails records the
// core's refusal and returns normally; here every bound constructor, method and free function
// is wrapped to throw it as a JS Error after the call has returned, when C++ has run every
// destructor and embind has freed the arguments: a refused request leaks nothing. A constructor
// that failed deletes its half-made object before throwing. The Error's message is the core's
// English; its .field, .code and .args are the refusal as data (core/input/messages.hpp; code "" for
// a message not yet coded), and .parts those of a message composed of parts, which
// web/src/kit/messages.js formats from catalog().messages.
//
// Nothing is listed by hand: every symbol embind registered on the module (whichever binding
// file registered it) is found and wrapped here, so a new binding cannot be left out (one left
// out would return its harmless value and leave its message pending, to be thrown by whichever
// call came next). Only the convention's own three functions are left as they are.
// tests/wasm/bindings.test.mjs calls every export with bad input.
addOnPostRun(function () {
  var hasError = Module['hasError'];
  var takeError = Module['takeError'];
  var errorRefusal = Module['errorRefusal'];
  var convention = { hasError: true, takeError: true, errorRefusal: true };
  // The pending failure as a JS Error, the convention's record cleared.
  function pendingError() {
    var refusal = JSON.parse(errorRefusal());
    var error = new Error(takeError());
    error.field = refusal.field;
    error.code = refusal.code;
    error.args = refusal.args;
    // A message composed of parts (a run's outcome): [{code, args}, ...], its words one after the other.
    if (refusal.parts) error.parts = refusal.parts;
    return error;
  }
  function throwPending() {
    if (hasError()) throw pendingError();
  }
  // embind's free functions and methods carry their arity (argCount) or, overloaded by arity,
  // their table (overloadTable); its classes' prototypes descend from ClassHandle (isAliasOf).
  function isBoundFunction(value) {
    return typeof value === 'function' && (value.argCount !== undefined || value.overloadTable !== undefined);
  }
  function isBoundClass(value) {
    return typeof value === 'function' && value.prototype !== undefined && typeof value.prototype.isAliasOf === 'function';
  }
  function wrapFunction(fn) {
    var wrapped = function () {
      var result = fn.apply(this, arguments);
      throwPending();
      return result;
    };
    // embind's dispatcher of functions overloaded by arity (Surface.path) looks its table up on
    // whatever function now sits at its name: give the wrapper the same table.
    if (fn.overloadTable) wrapped.overloadTable = fn.overloadTable;
    if (fn.argCount !== undefined) wrapped.argCount = fn.argCount;
    return wrapped;
  }
  function wrapClass(name) {
    var Raw = Module[name];
    var proto = Raw.prototype;
    Object.getOwnPropertyNames(proto).forEach(function (key) {
      var descriptor = Object.getOwnPropertyDescriptor(proto, key);
      if (key === 'constructor' || typeof descriptor.value !== 'function') return;
      proto[key] = wrapFunction(descriptor.value);
    });
    var Wrapped = function () {
      var object = new (Function.prototype.bind.apply(Raw, [null].concat(Array.prototype.slice.call(arguments))))();
      if (hasError()) {
        object.delete();
        throw pendingError();
      }
      return object;
    };
    Wrapped.prototype = proto;
    // Static functions (class_function) too.
    Object.getOwnPropertyNames(Raw).forEach(function (key) {
      if (isBoundFunction(Raw[key])) Wrapped[key] = wrapFunction(Raw[key]);
    });
    Object.defineProperty(Wrapped, 'name', { value: name });
    Module[name] = Wrapped;
  }
  Object.keys(Module).forEach(function (name) {
    if (convention[name]) return;
    if (isBoundClass(Module[name])) wrapClass(name);
    else if (isBoundFunction(Module[name])) Module[name] = wrapFunction(Module[name]);
  });
});
