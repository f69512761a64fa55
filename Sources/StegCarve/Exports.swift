/// The report value types (regions, labels, indicators, metadata) come from StegCarveModel,
/// which every stage produces directly; importing StegCarve brings them along.
@_exported import StegCarveModel
