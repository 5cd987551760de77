exports.activate = () => {};
exports.deactivate = () => {};
