// Why this file exists: the bindings' one error convention, on the JavaScript side (linked with
// --post-js, so it runs inside the module factory). A bound C++ function that fails records the
// core's message and returns normally; here every bound constructor, method and free function
// is wrapped to throw that message as a JS Error after the call has returned, when C++ has run
// every destructor and embind has freed the arguments: a refused request leaks nothing. A
// constructor that failed deletes its half-made object before throwing.
addOnPostRun(function () {
  var hasError = Module['hasError'];
  var takeError = Module['takeError'];
  function throwPending() {
    if (hasError()) throw new Error(takeError());
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
        throw new Error(takeError());
      }
      return object;
    };
    Wrapped.prototype = proto;
    Object.defineProperty(Wrapped, 'name', { value: name });
    Module[name] = Wrapped;
  }
  ['Training', 'Surface', 'CriticalPointSearch', 'LandscapeView'].forEach(wrapClass);
  // Every bound free function but the convention's own (hasError, takeError) and heapBytes:
  // one left out here (playgroundScenario once was) would return its harmless value and leave
  // its message pending, to be thrown by whichever call came next.
  ['catalog', 'scenarioVariant', 'scenarioInfo', 'playgroundScenario', 'scenarioOnSurface', 'scenarioWithView',
    'exerciseInfo', 'exerciseScenario', 'checkExercise', 'readAnswerLink', 'checkAnswerLink',
    'exerciseAnswerFromFields', 'exerciseInstanceInfo', 'checkHandedIn', 'writeAnswerLink', 'readHandedIn'].forEach(function (name) {
    Module[name] = wrapFunction(Module[name]);
  });
});
