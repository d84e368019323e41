#include "input/messages.hpp"

#include <cstring>

namespace landscape {

const std::vector<MessageCode>& message_codes() {
  // Codes are never renamed once published: a page may have stored one. The wording may change.
  static const std::vector<MessageCode> codes = {
      {"not_object", "must be an object"},
      {"unknown_field", "unknown field (known: {0})"},
      {"missing", "missing"},
      {"missing_choice", "missing (known: {0})"},
      {"not_string", "must be a string"},
      {"unknown_choice", "unknown kind '{0}' (known: {1})"},
      {"not_flag", "must be true or false"},
      {"not_number", "must be a number"},
      {"not_finite", "must be finite"},
      {"out_of_range", "must be >= {0} and <= {1} (got {2})"},
      {"out_of_open_range", "must be > {0} and <= {1} (got {2})"},
      {"not_integer", "must be an integer"},
      {"integer_out_of_range", "must be an integer from {0} to {1} (got {2})"},
      {"not_number_list", "must be an array of numbers"},
      {"not_finite_item", "must be a finite number"},
      {"not_rows", "must be a non-empty array of rows"},
      {"too_many_points", "too many points (at most {0})"},
      {"not_row", "must be a number or a non-empty array of numbers"},
      {"ragged_row", "must be an array of {0} numbers like row 0"},
      {"not_integer_in", "must be an integer from {0} to {1}"},
      {"listed_twice", "'{0}' is listed twice"},
      {"used_twice", "'{0}' is used twice"},
      {"empty_text", "must not be empty"},
      {"not_json_object", "must be a JSON object"},
      // JSON text (core/input/json_text.cpp): the field is the input's name, or the value's path.
      {"json_too_large", "larger than {0} MB ({1} bytes); a scenario, an exercise or an answer is smaller"},
      {"json_syntax", "invalid JSON near byte {0} (at '{1}')"},
      {"json_invalid", "invalid JSON"},
      {"json_too_deep",
       "nested deeper than {0} lists and objects; a scenario, an exercise or an answer needs a few"},
      {"json_not_finite", "{0} is not a finite number (numbers must lie within about +-1.8e308)"},
      // A scenario (core/input/scenario.cpp).
      {"missing_data", "missing (an object with a \"kind\")"},
      {"classes_need_kind", "only spiral and gaussians come in more than 2 classes (kind is '{0}')"},
      {"not_feature_list", "must be a non-empty array of feature names"},
      {"unknown_feature", "unknown feature '{0}' (known: {1})"},
      {"missing_inline_points", "missing (inline data needs x and y)"},
      {"rows_differ", "has {0} rows but {1} has {2}"},
      {"missing_test_pair", "missing (test points need both)"},
      {"test_columns_differ", "must have the columns of data.x and data.y"},
      {"points_need_inline", "only inline data takes points (kind is '{0}')"},
      {"params_need_params_kind", "only used when kind is \"params\""},
      {"missing_model", "missing (an object with \"layers\")"},
      {"missing_layers", "missing (an array of layers)"},
      {"not_layer_list", "must be a non-empty array of layers"},
      {"too_many_layers", "too many layers (at most {0})"},
      {"residual_units", "a residual layer needs as many units as inputs ({0} units, {1} inputs)"},
      {"too_many_parameters", "too many parameters ({0}, at most {1})"},
      {"params_count", "has {0} numbers but the network has {1} parameters"},
      {"neuron_params_count", "has {0} numbers but (a, b, W) has {1}"},
      {"sgd_needs_batch", "sgd needs a batch size (points per step; 0 means full batch, which is gd)"},
      {"class_label", "class labels must be whole numbers from 0 to {0} (got {1})"},
      {"class_label_binary", "class labels must be -1 or 1, or whole numbers from 0 to {0} (got {1})"},
      {"feature_needs_two_columns", "'{0}' needs 2 input columns"},
      {"inputs_not_columns", "is {0} but the data have {1} input column(s)"},
      {"inputs_not_features", "is {0} but the data have {1} feature(s)"},
      {"classes_need_cross_entropy", "{0} classes need cross_entropy (softmax over {0} output units); "
                                     "squared losses fit labels +-1, 2 classes only"},
      {"cross_entropy_output", "cross_entropy needs an output layer of at least 2 units (one per class)"},
      {"classes_output_units",
       "{0} classes need an output layer of {0} units (one logit per class), not {1}"},
      {"cross_entropy_labels", "cross_entropy needs one label column or {0} one-hot columns"},
      {"output_columns", "has {0} column(s) but the output layer has {1} unit(s)"},
      {"network_field_in_surface", "not in a surface scenario (its objective is \"surface\"; data, model and "
                                   "loss belong to network scenarios)"},
      {"not_center", "must be [x, y], two numbers from -100 to 100"},
      {"not_point", "must be [x, y], two finite numbers"},
      {"missing_stops", "missing (increasing step counts, e.g. [30, 100])"},
      {"not_stop_list", "must be an array of 1 to 100 increasing step counts"},
      {"not_increasing", "must be larger than the stop before it"},
      {"polish_init_kind", "must be random or zeros (every start would be the same point with \"params\")"},
      {"too_many_searches", "too many searches ({0}, at most {1})"},
      {"finder_parameters", "the finder needs the dense Hessian: at most {0} parameters (the model has {1})"},
      {"not_variant_list", "must be an array of at most {0} variants {\"name\", \"label\", \"patch\"}"},
      {"missing_patch", "missing (an object: the fields that differ, as a JSON merge patch)"},
      {"not_patch", "must be an object (a JSON merge patch)"},
      {"nested_variants", "a variant has no variants of its own"},
      {"view_in_surface", "not in a surface scenario (views are of network scenarios)"},
      {"start_in_network", "only a surface scenario has a start (a network starts from model.init)"},
      {"unknown_variant", "no variant named '{0}' (known: {1})"},
      {"unknown_variant_none", "no variant named '{0}' (known: none)"},
      // A scenario's view (core/input/view_scenario.cpp).
      {"not_variant_pair", "must be two compare variant names, e.g. [\"seed-a\", \"seed-b\"]"},
      {"unknown_compare_variant", "no compare variant named '{0}' (known: {1})"},
      {"unknown_compare_variant_none", "no compare variant named '{0}' (known: none)"},
      {"same_variant_twice", "must name two different variants"},
      {"not_line_range", "must be [t0, t1] with -10 <= t0 < t1 <= 10 (0 and 1 are the end points)"},
      {"missing_curve_ends", "missing (the two compare variants whose trained points the curve joins)"},
      {"missing_sharpness_pair", "missing (two compare variants, e.g. a small and a large batch)"},
      {"not_alphas", "must be an array of 1 to 64 numbers > 0"},
      {"not_alpha", "must be a number > 0 and <= 1000"},
      // A landscape view of a scenario (core/landscape/landscape_view.cpp, core/landscape/landscape.cpp).
      {"no_view_to_change", "missing (the scenario has no view to change)"},
      {"view_change_not_object", "the change must be a JSON object"},
      {"missing_view",
       "missing (a scenario for a landscape view needs a \"view\" section, e.g. {\"kind\": \"slice\"})"},
      {"pca_needs_path", "\"pca\" needs a training path, and this scenario takes no steps (steps: 0, fixed "
                         "weights); choose \"filter\" or \"random\""},
      {"view_with_neuron", "a landscape view is of the network alone (switch the added neuron off), or of a "
                           "slice or line with the neuron on from the start (added_neuron.start_step 0)"},
      {"slice_too_costly", "a {0} x {0} slice of this network on its points costs {1} multiply-adds, above "
                           "the limit of {2} (kMaxSliceWork, about a minute in wasm); choose a lower "
                           "view.resolution, fewer data.points or fewer units in model.layers"},
      {"convexity_too_costly", "the convexity map costs {0} multiply-adds, above the limit of {1} "
                               "(kMaxSliceWork); choose a lower resolution or fewer lanczos_steps"},
      {"variants_differ_in_size",
       "the two variants' networks differ in size; a curve joins points of one network"},
      {"rescale_layer", "must be 0..{0} (a layer followed by another; got {1})"},
      {"rescale_activation",
       "model.layers[{0}].activation: rescaling keeps the function only for relu or linear (got {1})"},
      {"rescale_skip", "model.layers[{0}].skip: rescaling keeps the function only without a skip connection"},
      // A trajectory's principal directions (core/landscape/landscape.cpp trajectory_pca; field
      // "trajectory"), told inside a slice view's outcome.
      {"trajectory_too_short", "needs at least 2 points (got {0})"},
      {"trajectory_one_parameter", "needs at least 2 parameters for a plane"},
      {"trajectory_all_equal",
       "the points before the last are all equal (or not finite): no principal direction"},
      {"trajectory_rounding_only", "no principal direction (the variance is rounding only)"},
      // Outcomes of a run, composed of parts (composed(), core/input/messages.hpp): each template
      // carries its own separators, and a message's English is its parts' one after the other.
      // The field of a part told inside another outcome ("critical_points.polish: model.init: ...").
      {"field_prefix", "{0}: "},
      // The start of a training run (core/training/training.cpp Training::create; field "model.init").
      {"initial_loss_not_finite", "the initial loss is not finite"},
      {"initial_loss_not_finite_because", "the initial loss is not finite: "},
      {"initial_gradient_not_finite",
       "the initial gradient is not finite (the loss is {0}): the data or the weights are too large for "
       "double precision; scale data.x and data.y down, or start from smaller weights"},
      {"initial_gradient_not_finite_neuron",
       "the initial gradient is not finite (the loss is {0}): the data or the weights are too large for "
       "double precision; scale data.x and data.y down, or start from smaller weights or smaller "
       "added_neuron.params"},
      // Why a network's loss is not finite (core/model/network.cpp non_finite_reason): a part after
      // initial_loss_not_finite_because, or between reason_open and reason_close.
      {"reason_parameter", "a parameter is not finite"},
      {"reason_neuron_exponent", "the added neuron's exponent w.x+b reached {0}, past the largest that exp() "
                                 "can represent (about 709.8)"},
      {"reason_outputs_overflowed", "the network's outputs overflowed (weights too large)"},
      {"reason_open", " ("},
      {"reason_close", ")"},
      // Training diverged (Training::message(), the status's "message_data"): a head, the quantity that
      // is not finite, where it was checked, why, and where the run paused.
      {"diverged_after_step", "training diverged after step {0}: "},
      {"diverged_at_step", "training diverged at step {0}: "},
      {"loss_not_finite", "the loss is not finite"},
      {"gradient_not_finite", "the gradient is not finite"},
      {"original_loss_not_finite", "the original network's loss is not finite"},
      {"test_loss_not_finite", "the test loss is not finite"},
      {"parameter_not_finite", "a parameter is not finite"},
      {"network_output_not_finite", "the network's output is not finite"},
      {"added_neuron_not_finite", "the added neuron is not finite"},
      {"hessian_not_finite", "the Hessian is not finite"},
      {"on_mini_batch", " on its mini-batch"},
      {"on_all_points", " on all the points (each mini-batch step checks only its batch)"},
      {"derivatives_overflow", " (the loss is finite; its derivatives overflow double precision: the weights "
                               "or the data are too large)"},
      {"paused_at_step", "; paused at step {0}, the last finite state"},
      {"neuron_loss_not_finite", "with the added neuron switched on, the loss is not finite"},
      {"neuron_gradient_not_finite", "with the added neuron switched on, the gradient is not finite"},
      {"check_neuron_params", "; check added_neuron.params and lambda"},
      {"plain_state_not_finite", "; so is the state the last step reached without it"},
      {"paused_without_neuron", "; paused at step {0} without the neuron, the last finite state"},
      // A view's runs and replays (core/landscape/landscape_view.cpp), before a training outcome.
      {"training_diverged", "training diverged: "},
      {"variant_diverged", "compare variant '{0}': training diverged: "},
      {"pca_failed", "pca: "},
      // Curvature at a point (core/curvature/curvature.cpp spectrum_json; field "hessian").
      {"hessian_loss_not_finite", "the loss is not finite at these parameters"},
      {"hessian_gradient_not_finite",
       "the gradient is not finite at these parameters (the loss is finite; its "
       "derivatives overflow double precision: the weights or the data are too "
       "large)"},
      {"hessian_entries_not_finite",
       "the Hessian has entries that are not finite at these parameters (second "
       "derivatives overflow double precision: the weights or the data are too "
       "large)"},
      {"eigen_not_converged", "the eigen-decomposition did not converge"},
      // Lanczos at a point (core/training/training_requests.cpp extremes; field "extremes").
      {"extremes_not_finite",
       "the Hessian-vector products are not finite at these parameters (the weights or "
       "the data are too large)"},
      // Critical-point searches (core/curvature/critical_point_survey.cpp).
      {"missing_critical_points", "missing (the scenario has no critical-point searches)"},
      {"search_not_finite",
       "the search reached parameters where the loss, its gradient or its Hessian is not finite"},
      // A surface far out (core/model/surfaces.cpp surface_curvature_json; field "x, y").
      {"surface_not_finite",
       "the surface's value or its derivatives are not finite at this point (too far out)"},
      // A surface and a surface scenario (core/model/surfaces.cpp, core/input/surface_scenario.cpp).
      {"angle_needs_quadratic", "only the quadratic has an angle (the {0} has none)"},
      {"saddle_signs", "the saddle a x^2 - b y^2 needs a > 0 and b > 0"},
      {"quadratic_not_finite", "the quadratic needs finite numbers"},
      {"not_two_finite", "must be two finite numbers"},
      {"grid_size", "nx and ny must be from 2 to {0} (got {1} x {2})"},
      {"missing_surface_training", "missing (a network scenario trains as a Training)"},
      {"variant_not_surface", "variant '{0}' is not a surface scenario"},
      {"unknown_variant_bare", "no variant named '{0}'"},
      {"missing_surface_change", "missing (only a surface scenario can change its surface)"},
      {"unknown_surface", "unknown surface '{0}'"},
      {"missing_surface_parameters", "missing (only a surface scenario has surface parameters)"},
      {"not_finite_number", "must be a finite number"},
      // An exercise's text (core/apps/exercise.cpp).
      {"not_minutes", "must be a number of minutes from 1 to 600"},
      {"other_scenario", "the exercise is on the scenario '{0}', but the scenario given is '{1}'"},
      {"other_scenario_unnamed", "the exercise is on the scenario '{0}', but the scenario given is unnamed"},
      {"not_scenario_patch", "must be an object (a JSON merge patch of the scenario)"},
      {"missing_allowed", "missing (a list of the fields a student may change, e.g. [\"start\"])"},
      {"not_field_path", "must be a field path such as \"optimizer.learning_rate\""},
      {"not_limits", "must be an object {field: [min, max]}"},
      {"not_limit", "must be [min, max] with min <= max"},
      {"limit_not_number", "the exercise's scenario has no number there"},
      {"not_count", "must be a whole number >= 0"},
      {"escape_needs_surface", "only for a surface scenario"},
      {"not_escape", "must be {\"from\": [x, y], \"radius\": r > 0}"},
      {"missing_check", "missing (a list of conditions {quantity, op, value, fail})"},
      {"not_condition", "must be an object {quantity, op, value, fail}"},
      {"unknown_quantity", "unknown quantity '{0}' for a {1} scenario (known: {2})"},
      {"escape_step_needs_escape", "escape_step needs the \"escape\" section"},
      {"unknown_op", "unknown op '{0}' (known: {1})"},
      {"not_condition_value", "must be a number (or a string with equals / differs)"},
      {"not_quantity_list", "must be a list of quantities"},
      {"not_quantity", "not a quantity of a {0} scenario (known: {1})"},
      {"not_quantity_of", "not a quantity of a {0} scenario"},
      {"not_labels", "must be an object {quantity: words}"},
      {"not_label", "must be a few words (at most 60 bytes)"},
      {"not_field_labels", "must be an object {allowed field: words}"},
      {"not_allowed_field", "not an allowed field (allowed: {0})"},
      {"missing_label", "missing (the words the teacher's table shows for it)"},
      {"missing_answer", "missing (the known right answer's patch, for the teacher and the tests)"},
      {"not_vary_list",
       "must be a list of one to four fields {field, label, from, to, step} or {field, label, choices}"},
      {"not_vary", "must be an object {field, label, from, to, step} or {field, label, choices}"},
      {"vary_no_field", "the exercise's scenario has no field {0}"},
      {"vary_allowed", "{0} is a field the student changes; vary a field of the problem"},
      {"not_choices", "must be a list of 2 to 1000 values"},
      {"choice_kind", "each must be {0}, as the scenario's {1}"},
      {"not_vary_answers", "must be a list of the reference answer of each choice, as many as choices"},
      {"not_vary_answer", "each must be an answer's patch (an object)"},
      {"missing_bound", "missing (or give choices)"},
      {"not_bound", "must be a number or a list of two or three"},
      {"not_bound_numbers", "must hold numbers"},
      {"bounds_count", "must have as many numbers as from"},
      {"vary_not_number", "the scenario's {0} is {1}, not a number"},
      {"vary_not_list", "the scenario's {0} is {1}, not a list of {2}"},
      {"not_step", "must be 1/n for a whole n from 1 to 10^6 (e.g. 0.001)"},
      {"not_above_from", "each must be above from"},
      {"not_moves", "must be a list of fields moved by the value"},
      {"not_move_paths", "must be a list of field paths"},
      {"unknown_move", "the exercise has no {0}"},
      {"no_view_line", "the scenario's view has no line between two points (view.kind: interpolate)"},
      {"line_without_ends", "the line must include both of its ends (t = 0 and t = 1, e.g. range [0, 1]) for "
                            "the check's line quantities"},
      // A student's answer (core/apps/exercise.cpp).
      {"null_value", "null is not a value; an answer gives the value of each field it changes and cannot "
                     "remove the exercise's own (leave a field out to keep its value)"},
      {"kind_differs", "must be {0}, as the exercise's {1} (got {2})"},
      {"other_exercise", "this answer is for the exercise '{0}', not '{1}'"},
      {"not_answer_patch", "must be an object (the fields you changed)"},
      {"not_student_name", "must be the student's name, at most {0} bytes"},
      {"not_class_code_text", "must be a class code (letters, digits, '-' and '_')"},
      {"not_answer_instance",
       "must be a whole number from 0 to 99999 (the instance the answer was made for)"},
      {"limit_kind", "must be a number from {0} to {1} in this exercise (got {2})"},
      {"limit_range", "must be from {0} to {1} in this exercise (got {2})"},
      // The answer form's fields (core/apps/exercise.cpp exercise_answer_from_fields).
      {"typed_not_number", "\"{0}\" is not a number"},
      {"typed_json_not_number", "{0} is not a number"},
      {"not_fields_request", "must be an object {\"fields\": {path: text}, \"note\": text}"},
      {"not_your_name", "must be your name, at most {0} bytes"},
      {"not_allowed_here", "not a field you may change in this exercise (you may change: {0})"},
      {"not_point_of", "not a point of {0} numbers in this exercise"},
      {"not_field_texts", "must be the field's texts"},
      {"not_feature_names", "must be the features' names"},
      {"no_output_layer", "the network needs at least its output layer"},
      {"not_layer_texts", "must be each layer's texts {units, activation}"},
      {"missing_units", "missing (a whole number of units)"},
      {"not_activation_name", "must be an activation's name"},
      {"not_form_setting", "not a setting this form offers (JSON in the advanced view sets others)"},
      {"not_setting_texts", "must be the settings' texts"},
      {"not_field_text", "must be the field's text"},
      {"field_too_long", "longer than {0} kB; a field holds a value"},
      {"typed_not_value", "\"{0}\" is not a value (a number, a list such as [0.3, -0.2], or JSON)"},
      {"not_instance_number", "must be a number from 10000 to 99999"},
      {"not_playground_exercise", "the exercise's widget is the {0}, not the playground"},
      // A handed-in link (core/apps/answer_link.cpp) and a class code.
      {"link_too_long", "longer than {0} MB; an answer's link is shorter"},
      {"not_exercise_link", "not a link to an exercise: \"{0}\" (no #exercise=... in it)"},
      {"link_without_exercise", "the link names no exercise (no #exercise=... in it)"},
      {"not_exercise_name", "\"{0}\" is not an exercise name (lower-case letters, digits and dashes)"},
      {"answer_too_large", "larger than {0} kB; an answer is a few fields"},
      {"link_answer_not_object",
       "the link's answer must be an object of fields, e.g. {\"start\": [0.3, 0.3]} (got {0})"},
      {"note_too_long", "longer than {0} bytes; keep it to a few lines"},
      {"name_too_long", "longer than {0} bytes; a name is shorter"},
      {"not_instance", "\"{0}\" is not an instance number (0 to 99999)"},
      {"not_answer_object", "must be an object {\"exercise\", \"patch\", \"note\"}"},
      {"missing_exercise_name", "missing (the exercise's name)"},
      {"not_link_options", "must be an object {theme, hide, lock}"},
      {"class_code_length", "must be 1 to {0} letters, digits, '-' or '_'"},
      {"not_class_code", "\"{0}\" is not a class code (letters, digits, '-' and '_')"},
      // The playground's settings, its link and its own points (core/apps/playground.cpp).
      {"no_features", "choose at least one input feature"},
      {"unknown_feature_value", "unknown feature {0}"},
      {"too_many_items", "at most {0} (got {1})"},
      {"layer_units", "units per layer must be whole numbers from {0} to {1} (got {2})"},
      {"not_own_points", "must be a list of at most {0} points [x1, x2, label]"},
      {"not_own_point", "point {0} must be three numbers [x1, x2, label] (got {1})"},
      {"not_weights", "must be a list of numbers or null"},
      {"not_finite_weight", "weight {0} is not a finite number"},
      {"own_label_binary", "point {0} has label {1}; labels must be +1 or -1 (two classes)"},
      {"own_label", "point {0} has label {1}; labels must be whole numbers from 0 to {2}"},
      {"points_above_class", "your points use a class above {0}; clear them first"},
      {"not_entries_request", "must be an object {\"entries\": [[key, value], ...]}"},
      {"not_settings", "must be an object of settings"},
      {"not_entry", "each entry must be [key, value]"},
      {"playground_not_surface", "the playground trains networks, not surfaces"},
      {"playground_init", "the playground starts from zeros, from uniform(-0.5, 0.5) weights with biases "
                          "0.1, or from given params"},
      {"not_csv_request", "must be an object {\"text\": CSV text, \"classes\": whole number}"},
      {"whole_number_from", "must be a whole number from {0} to {1}"},
      {"csv_not_three", "expected three numbers x1, x2, label (got \"{0}\")"},
      {"csv_outside", "x1 and x2 must lie in [{0}, {1}]"},
      {"csv_label", "with {0} classes the label must be a whole number from 0 to {1} (got {2})"},
      {"csv_label_binary", "with 2 classes the label must be 1 or -1 (0 also means -1; got {0}); for more "
                           "classes choose them first"},
      {"csv_too_many", "at most {0} points"},
      {"csv_too_few", "at least two points are needed"},
      {"csv_too_large", "larger than {0} bytes; a playground needs a few hundred points"},
      {"edited_weight", "\"{0}\" must be a number from -{1} to {1}"},
      // Resources (core/input/limits.cpp): estimated from the scenario before anything is allocated.
      {"whole_number_out_of_range", "must be a whole number from {0} to {1} (got {2})"},
      {"points_memory", "{0} points on a {1} network need about {2} of working memory, more than the {3} the "
                        "core may use; use at most {4} points, or fewer units in model.layers"},
      {"points_pass_work",
       "one pass over {0} points of a {1} network is {2} multiply-adds, more than the {3} "
       "(about a second in the page) a step may take; use at most {4} points, or fewer units in "
       "model.layers"},
      // The dense Hessian: who asks for it ({prefix}_parameters, _memory, _work) says what to do instead.
      {"optimizer_hessian_parameters", "{0} needs the dense Hessian, at most {1} parameters (this network "
                                       "has {2}); use gd, momentum or adam, or fewer units"},
      {"optimizer_hessian_memory",
       "{0} needs the dense Hessian, which on {1} points of a {2} network needs about {3} of memory, more "
       "than the {4} the core may use; use gd, momentum or adam, fewer points or fewer units"},
      {"optimizer_hessian_work", "{0} needs the dense Hessian, which on {1} points of a {2} network is {3} "
                                 "multiply-adds, more than the {4} (about ten seconds in the page) one "
                                 "request may take; use gd, momentum or adam, fewer points or fewer units"},
      {"finder_hessian_parameters", "the finder needs the dense Hessian, at most {0} parameters (this "
                                    "network has {1}); use fewer points or fewer units"},
      {"finder_hessian_memory",
       "the finder needs the dense Hessian, which on {0} points of a {1} network needs about {2} of memory, "
       "more than the {3} the core may use; use fewer points or fewer units"},
      {"finder_hessian_work",
       "the finder needs the dense Hessian, which on {0} points of a {1} network is {2} multiply-adds, more "
       "than the {3} (about ten seconds in the page) one request may take; use fewer points or fewer units"},
      {"spectrum_hessian_parameters", "spectrum needs the dense Hessian, at most {0} parameters (this "
                                      "network has {1}); ask for extremes() instead"},
      {"spectrum_hessian_memory",
       "spectrum needs the dense Hessian, which on {0} points of a {1} network needs about {2} of memory, "
       "more than the {3} the core may use; ask for extremes() instead"},
      {"spectrum_hessian_work",
       "spectrum needs the dense Hessian, which on {0} points of a {1} network is {2} multiply-adds, more "
       "than the {3} (about ten seconds in the page) one request may take; ask for extremes() instead"},
      {"critical_point_hessian_parameters",
       "criticalPoint needs the dense Hessian, at most {0} parameters (this network has {1})"},
      {"critical_point_hessian_memory",
       "criticalPoint needs the dense Hessian, which on {0} points of a {1} network needs about {2} of "
       "memory, more than the {3} the core may use"},
      {"critical_point_hessian_work",
       "criticalPoint needs the dense Hessian, which on {0} points of a {1} network is {2} multiply-adds, "
       "more than the {3} (about ten seconds in the page) one request may take"},
      {"command_hessian_parameters", "hessian needs the dense Hessian, at most {0} parameters (this network "
                                     "has {1}); use fewer units or fewer points"},
      {"command_hessian_memory",
       "hessian needs the dense Hessian, which on {0} points of a {1} network needs about {2} of memory, "
       "more than the {3} the core may use; use fewer units or fewer points"},
      {"command_hessian_work",
       "hessian needs the dense Hessian, which on {0} points of a {1} network is {2} multiply-adds, more "
       "than the {3} (about ten seconds in the page) one request may take; use fewer units or fewer points"},
      // One request's work (kMaxRequestWork): an exercise's check, a critical-point search.
      {"check_work",
       "{0} {1} steps of a {2} network on {3} training points needs about {4} multiply-adds, "
       "more than the {5} one check may take (the same budget on every machine); use fewer steps, fewer "
       "units or a first-order optimizer"},
      {"check_work_hessian",
       "{0} {1} steps of a {2} network on {3} training points (each a dense Hessian of "
       "{6} parameters and its eigen-decomposition) needs about {4} multiply-adds, more than the {5} one "
       "check may take (the same budget on every machine); use fewer steps, fewer units or a first-order "
       "optimizer"},
      {"check_work_runs",
       "{0} training runs of a {1} network ({2} steps in all, on {3} training points each) "
       "and the line between them need about {4} multiply-adds, more than the {5} one check may take (the "
       "same budget on every machine); use fewer steps, fewer units or a first-order optimizer"},
      {"finder_work",
       "{0} iterations of the finder on {1} parameters needs about {2} multiply-adds, more "
       "than the {3} one search may take (the same budget on every machine); use fewer iterations"},
      {"seed_out_of_range", "must be a whole number from {0} to {1} (got {2}); -1 starts from the current "
                            "parameters"},
      {"not_scale", "must be a number above 0 and at most 1,000,000 (got {0})"},
      // Verdicts of an exercise's check (core/apps/exercise.cpp): what an answer that ran lacks. A
      // condition of the exercise is worded by the exercise file (its code "exercise_check", its
      // template the exercise's own; catalog: exerciseInfo()'s "messages").
      {"other_instance",
       "this answer was computed for instance {0}, but \"{1}\"'s instance in class {2} is {3}: "
       "an answer counts only on the numbers of the student who hands it in"},
      {"other_instance_unnamed",
       "this answer was computed for instance {0}, but a student without a name's "
       "instance in class {1} is {2}: an answer counts only on the numbers of the student who hands it in"},
      {"other_instance_as_written",
       "this answer was computed for instance {0}, but \"{1}\" has the exercise as "
       "written (no class code): an answer counts only on the numbers of the student who hands it in"},
      {"other_instance_as_written_unnamed",
       "this answer was computed for instance {0}, but a student without a "
       "name has the exercise as written (no class code): an answer counts only on the numbers of the "
       "student "
       "who hands it in"},
      {"too_many_changes", "you changed {0} things ({1}); change at most {2}"},
      // The pages' own refusals of input only a page reads (web/src/kit/messages.js pageRefusal):
      // a link's packed values (kit/link-codec.js), the embed page's options (embed-page.js).
      {"link_bad_characters", "not base64url text"},
      {"link_too_large", "unpacks to more than {0} MB"},
      {"link_damaged", "its packed data is damaged"},
      {"link_not_packed_numbers", "not packed float64 values"},
      {"link_not_whole_numbers", "not a whole number of float64 values"},
      {"unknown_widget", "\"{0}\" is not a widget; choose one of {1}"},
      // A widget's link state (kit/link-values.js): the key is the first arg, not the field, as a
      // link's key may be empty and is still named (": ...").
      {"link_not_number_in", "{0}: \"{1}\" is not a number from {2} to {3}; ignored"},
      {"link_not_whole_number_in", "{0}: \"{1}\" is not a whole number from {2} to {3}; ignored"},
      {"link_not_choice", "{0}: \"{1}\" is not one of {2}; ignored"},
      {"link_not_point", "{0}: \"{1}\" is not two numbers x,y; ignored"},
      {"link_unknown_key", "{0}: not a setting of this widget"},
      {"link_weights_refused", "the link's weights were refused ({0}); trained from the seed's weights instead"},
      {"embed_unknown_theme", "\"{0}\" is not a theme; choose one of {1}"},
      {"embed_not_autoplay", "\"{0}\" is not 1 or 0; not started"},
      {"embed_unknown_control", "\"{0}\" is not a control of this widget ({1})"},
      // A file a page reads beside the kit (kit/scenarios.js), and the widgets' own checks of it.
      {"not_scenario_name", "\"{0}\" is not a scenario name (lower-case letters, digits and dashes)"},
      {"file_not_in_offline_file", "cannot load {0} (the offline file holds only its own files)"},
      {"file_unreachable", "cannot load {0}"},
      {"file_not_found", "cannot load {0} (no such file)"},
      {"file_http_error", "cannot load {0} (HTTP {1})"},
      {"primer_needs_quadratic", "the curvature primer draws the quadratic surface (this one is {0})"},
      {"view_not_interpolate", "this widget shows an interpolate view (the scenario's is {0})"},
      // An exercise the page is asked for (exercises/files.js, the teacher's list) that it does not have.
      {"unknown_exercise", "there is no exercise named \"{0}\""},
  };
  return codes;
}

const char* message_template(const std::string& code) {
  for (const MessageCode& entry : message_codes())
    if (code == entry.code) return entry.english;
  return nullptr;
}

std::string fill_template(const std::string& text, const std::vector<std::string>& args) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t close = text[i] == '{' ? text.find('}', i) : std::string::npos;
    if (close != std::string::npos && close > i + 1) {
      const std::string digits = text.substr(i + 1, close - i - 1);
      const bool number = digits.size() <= 2 && digits.find_first_not_of("0123456789") == std::string::npos;
      if (number && std::size_t(std::stoi(digits)) < args.size()) {
        out += args[std::size_t(std::stoi(digits))];
        i = close + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::string english(const Refusal& refusal) {
  const char* text = message_template(refusal.code);
  // A code the table lacks is a programming error; its refusal still names the field and code.
  const std::string words = text ? fill_template(text, refusal.args) : refusal.code;
  return refusal.field.empty() ? words : refusal.field + ": " + words;
}

Error refused(const Refusal& refusal) {
  return Error{english(refusal), refusal.field, refusal.code, refusal.args};
}

std::string field_in(const std::string& path, const std::string& field) {
  if (path.empty()) return field;
  if (field.empty()) return path;
  return field.front() == '[' ? path + field : path + "." + field;
}

std::string english(const std::vector<MessagePart>& parts) {
  std::string words;
  for (const MessagePart& part : parts) {
    const char* text = message_template(part.code);
    words += text ? fill_template(text, part.args) : part.code;
  }
  return words;
}

Error composed(const std::string& field, std::vector<MessagePart> parts) {
  const std::string words = english(parts);
  Error out{field.empty() ? words : field + ": " + words, field};
  // What happened is the first part that is not a field's name (field_prefix).
  for (const MessagePart& part : parts)
    if (part.code != "field_prefix") {
      out.code = part.code;
      out.args = part.args;
      break;
    }
  out.parts = std::move(parts);
  return out;
}

std::vector<MessagePart> parts_of(const Error& error) {
  if (!error.parts.empty()) return error.parts;
  if (error.code.empty()) return {};
  return {MessagePart{error.code, error.args}};
}

Error nested(const std::string& field, std::vector<MessagePart> head, const Error& inner) {
  if (inner.code.empty()) {
    const std::string words = english(head) + inner.message;
    return Error{field.empty() ? words : field + ": " + words};
  }
  if (!inner.field.empty()) head.push_back({"field_prefix", {inner.field}});
  for (MessagePart& part : parts_of(inner)) head.push_back(std::move(part));
  return composed(field, std::move(head));
}

Error inside(const std::string& path, const Error& inner) {
  if (!inner.parts.empty()) return composed(field_in(path, inner.field), inner.parts);
  if (inner.code.empty()) {
    Error out = inner;
    out.message = path.empty() ? inner.message : path + ": " + inner.message;
    return out;
  }
  return refused({field_in(path, inner.field), inner.code, inner.args});
}

} // namespace landscape
