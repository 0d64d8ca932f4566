import CCGModel
