// liblinear (Debian liblinear-dev): linear SVMs and logistic regression, used to train classifiers
// (supervised stance) on sparse n-gram features. Only Sources/CCGLearn imports this module.
#include <linear.h>
