//! Builds the structure tree of the tagged PDF (Document > H1/H2/H3, P, L > LI > Lbl/LBody,
//! Table > Caption, TR > TH/TD, Link) from the marked-content sequences the writer emitted, with its parent tree.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::model::{Node, NodeId, Role};
use super::writer::Mark;

/// A piece of an element's content, in reading order.
enum Kid {
    Node(NodeId),
    Content { page: usize, mcid: i64 },
    Annot { page: usize, annot: ObjectId },
}

/// A link annotation and the element (and marked content) it belongs to.
pub(crate) struct AnnotRef {
    pub mark: usize,
    pub annot: ObjectId,
    pub node: NodeId,
    pub page: usize,
    /// Its key in the parent tree, already set as the annotation's `/StructParent`.
    pub key: i64,
}

struct Tree<'a> {
    nodes: &'a [Node],
    kids: Vec<Vec<Kid>>,
    attached: Vec<bool>,
}

impl Tree<'_> {
    /// Elements join their parent when their first content appears, so that an element's kids
    /// are in reading order even when text and nested elements interleave.
    fn attach(&mut self, node: NodeId, kid: Kid) {
        self.ensure(node);
        self.kids[node].push(kid);
    }

    fn ensure(&mut self, node: NodeId) {
        if self.attached[node] {
            return;
        }
        self.attached[node] = true;
        if let Some(parent) = self.nodes[node].parent {
            self.ensure(parent);
            self.kids[parent].push(Kid::Node(node));
        }
    }

    /// Page of an element's first content, searching nested elements too.
    fn first_page(&self, node: NodeId) -> Option<usize> {
        self.kids[node].iter().find_map(|kid| match kid {
            Kid::Node(n) => self.first_page(*n),
            Kid::Content { page, .. } | Kid::Annot { page, .. } => Some(*page),
        })
    }
}

/// Adds the structure tree to `doc` and returns the `/StructTreeRoot` object.
pub(crate) fn build(
    doc: &mut Document,
    nodes: &[Node],
    marks: &[Mark],
    annots: &[AnnotRef],
    page_ids: &[ObjectId],
) -> ObjectId {
    let tree = Tree::grow(nodes, marks, annots);
    let root_id = doc.new_object_id();
    let ids: Vec<Option<ObjectId>> = tree
        .attached
        .iter()
        .map(|&on| on.then(|| doc.new_object_id()))
        .collect();
    let elem = |n: NodeId| ids[n].map_or(Object::Null, Object::Reference);

    for (n, node) in nodes.iter().enumerate() {
        let Some(id) = ids[n] else { continue };
        let page = tree.first_page(n);
        let kids: Vec<Object> = tree.kids[n]
            .iter()
            .map(|kid| kid.object(page, page_ids, elem))
            .collect();
        let parent = node.parent.map_or(Object::Reference(root_id), elem);
        let mut dict = Dictionary::from_iter([
            ("Type", Object::Name(b"StructElem".to_vec())),
            ("S", Object::Name(node.role.name().as_bytes().to_vec())),
            ("P", parent),
            ("K", Object::Array(kids)),
        ]);
        if let Some(pg) = page.and_then(|p| page_ids.get(p)) {
            dict.set("Pg", Object::Reference(*pg));
        }
        if let Some(a) = attributes(node) {
            dict.set("A", a);
        }
        doc.objects.insert(id, Object::Dictionary(dict));
    }

    let (nums, next_key) = parent_tree(marks, annots, page_ids.len(), elem);
    let parent_tree_id = doc.add_object(Dictionary::from_iter([("Nums", Object::Array(nums))]));
    doc.objects.insert(
        root_id,
        Object::Dictionary(Dictionary::from_iter([
            ("Type", Object::Name(b"StructTreeRoot".to_vec())),
            ("K", elem(0)),
            ("ParentTree", Object::Reference(parent_tree_id)),
            ("ParentTreeNextKey", Object::Integer(next_key)),
        ])),
    );
    root_id
}

impl<'a> Tree<'a> {
    /// The elements and their kids, in the order the writer marked their content.
    fn grow(nodes: &'a [Node], marks: &[Mark], annots: &[AnnotRef]) -> Tree<'a> {
        let mut tree = Tree {
            nodes,
            kids: (0..nodes.len()).map(|_| Vec::new()).collect(),
            attached: vec![false; nodes.len()],
        };
        tree.attached[0] = true;
        for (i, mark) in marks.iter().enumerate() {
            tree.attach(
                mark.node,
                Kid::Content {
                    page: mark.page,
                    mcid: mark.mcid,
                },
            );
            for a in annots.iter().filter(|a| a.mark == i) {
                tree.attach(
                    a.node,
                    Kid::Annot {
                        page: a.page,
                        annot: a.annot,
                    },
                );
            }
        }
        tree
    }
}

impl Kid {
    /// The kid as its element's `/K` lists it: content on the element's own page by its
    /// number alone, content elsewhere and annotations by reference.
    fn object(
        &self,
        page: Option<usize>,
        page_ids: &[ObjectId],
        elem: impl Fn(NodeId) -> Object,
    ) -> Object {
        match self {
            Kid::Node(k) => elem(*k),
            Kid::Content { page: p, mcid } if Some(*p) == page => Object::Integer(*mcid),
            Kid::Content { page: p, mcid } => Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"MCR".to_vec())),
                ("Pg", Object::Reference(page_ids[*p])),
                ("MCID", Object::Integer(*mcid)),
            ])),
            Kid::Annot { page: p, annot } => Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"OBJR".to_vec())),
                ("Pg", Object::Reference(page_ids[*p])),
                ("Obj", Object::Reference(*annot)),
            ])),
        }
    }
}

/// An element's attributes: a header cell's scope, a list's numbering.
fn attributes(node: &Node) -> Option<Dictionary> {
    match (node.role, node.numbering) {
        (Role::TH, _) => Some(Dictionary::from_iter([
            ("O", Object::Name(b"Table".to_vec())),
            ("Scope", Object::Name(b"Column".to_vec())),
        ])),
        (Role::L, Some(numbering)) => Some(Dictionary::from_iter([
            ("O", Object::Name(b"List".to_vec())),
            ("ListNumbering", Object::Name(numbering.as_bytes().to_vec())),
        ])),
        _ => None,
    }
}

/// The parent tree's `/Nums`: for each page, the element that owns each marked-content
/// number; then each annotation's element under its own key. With the next free key.
fn parent_tree(
    marks: &[Mark],
    annots: &[AnnotRef],
    pages: usize,
    elem: impl Fn(NodeId) -> Object,
) -> (Vec<Object>, i64) {
    let mut by_page: Vec<Vec<Object>> = vec![Vec::new(); pages];
    for mark in marks {
        let slot = &mut by_page[mark.page];
        let mcid = usize::try_from(mark.mcid).unwrap_or(0);
        if slot.len() <= mcid {
            slot.resize(mcid + 1, Object::Null);
        }
        slot[mcid] = elem(mark.node);
    }
    let mut nums = Vec::new();
    for (page, entries) in by_page.into_iter().enumerate() {
        nums.push(Object::Integer(page as i64));
        nums.push(Object::Array(entries));
    }
    let mut next_key = pages as i64;
    for a in annots {
        nums.push(Object::Integer(a.key));
        nums.push(elem(a.node));
        next_key = next_key.max(a.key + 1);
    }
    (nums, next_key)
}
