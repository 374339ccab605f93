// SMRLibrary: bindings of the library (environments, layers, optimizers, …) into the language.
