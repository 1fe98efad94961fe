#pragma once
// Elasticsearch's named privileges as the action patterns they grant, for the actions
// es-emulator serves (a subset of x-pack's IndexPrivilege and ClusterPrivilegeResolver).
//
//   index "write"  -> indices:data/write/*, indices:admin/mapping/auto_put, ...
//   cluster "monitor" -> cluster:monitor/*
//
// Privileges are listed from the narrowest to the widest, the order Elasticsearch uses in
// "this action is granted by the index privileges [create_doc,create,index,write,all]".

#include <string>
#include <string_view>
#include <vector>

namespace connectors::emulator {

enum class PrivilegeKind { Index, Cluster };

// Whether the named privilege grants `action`. Unknown names grant nothing.
bool privilege_grants(PrivilegeKind kind, std::string_view privilege, std::string_view action);

// The privileges of `kind` that grant `action`, narrowest first.
std::vector<std::string> privileges_granting(PrivilegeKind kind, std::string_view action);

// "indices:..." actions are index actions, everything else cluster actions.
bool is_index_action(std::string_view action);

}  // namespace connectors::emulator
